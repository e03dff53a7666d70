/* roster-test-utils.c: helpers that the window tests share, for waiting on
 * the main context, finding widgets and reading a window's members.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-test-utils.h"

static gboolean
on_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/* Iterates the main context, which also runs the demo tenant, until
 * @condition returns TRUE. Fails the test if that takes @seconds. */
void
roster_test_wait_until_for (RosterTestCondition  condition,
                            gpointer             data,
                            guint                seconds,
                            const char          *what)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (seconds, on_timeout, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Timed out after %u s waiting for %s", seconds, what);

  g_source_remove (timeout_id);
}

/* Waits as roster_test_wait_until_for() does, for
 * ROSTER_TEST_TIMEOUT_SECONDS. */
void
roster_test_wait_until (RosterTestCondition  condition,
                        gpointer             data,
                        const char          *what)
{
  roster_test_wait_until_for (condition, data, ROSTER_TEST_TIMEOUT_SECONDS, what);
}

gboolean
roster_test_window_is_idle (gpointer data)
{
  return !roster_window_is_loading (data);
}

gboolean
roster_test_widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

gboolean
roster_test_pointer_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

gboolean
roster_test_dialog_is_mapped (gpointer data)
{
  AdwMessageDialog *dialog = roster_window_get_message_dialog (data);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

gboolean
roster_test_dialog_is_gone (gpointer data)
{
  return roster_window_get_message_dialog (data) == NULL;
}

/* Returns @root or the first widget below it, depth first, that @match
 * accepts, or NULL. */
GtkWidget *
roster_test_find_widget (GtkWidget             *root,
                         RosterTestWidgetMatch  match,
                         gconstpointer          data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = roster_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* AdwMessageDialog contains a hidden second copy of its buttons, so only a
 * mapped button counts. */
gboolean
roster_test_is_mapped_button (GtkWidget     *widget,
                              gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

gboolean
roster_test_is_mapped_status_page (GtkWidget     *widget,
                                   gconstpointer  title)
{
  return ADW_IS_STATUS_PAGE (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), title) == 0;
}

gboolean
roster_test_is_window_title (GtkWidget     *widget,
                             gconstpointer  title)
{
  return ADW_IS_WINDOW_TITLE (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_window_title_get_title (ADW_WINDOW_TITLE (widget)), title) == 0;
}

gboolean
roster_test_is_column_view (GtkWidget     *widget,
                            gconstpointer  data)
{
  return GTK_IS_COLUMN_VIEW (widget);
}

guint
roster_test_count_members (RosterWindow *window)
{
  return g_list_model_get_n_items (roster_window_get_members (window));
}

guint
roster_test_count_selected (RosterWindow *window)
{
  GtkSelectionModel *selection = roster_window_get_members_selection (window);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);

  return (guint) gtk_bitset_get_size (selected);
}

/* Selects the first @n_members rows and returns their user ids. */
GStrv
roster_test_select_first_members (RosterWindow *window,
                                  guint         n_members)
{
  GtkSelectionModel *selection = roster_window_get_members_selection (window);
  g_autoptr(GStrvBuilder) user_ids = g_strv_builder_new ();

  for (guint i = 0; i < n_members; i++)
    {
      g_autoptr(RosterMember) member = g_list_model_get_item (G_LIST_MODEL (selection), i);

      g_assert_true (gtk_selection_model_select_item (selection, i, FALSE));
      g_strv_builder_add (user_ids, roster_member_get_user_id (member));
    }

  return g_strv_builder_end (user_ids);
}

gboolean
roster_test_lists_member (RosterWindow *window,
                          const char   *user_id)
{
  GListModel *members = roster_window_get_members (window);

  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(RosterMember) member = g_list_model_get_item (members, i);

      if (g_strcmp0 (roster_member_get_user_id (member), user_id) == 0)
        return TRUE;
    }

  return FALSE;
}
