/* test-window.c: drives the main window through its actions against the
 * demo tenant, which runs in this process on the same main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "roster-demo-tenant.h"
#include "roster-environment.h"
#include "roster-test-utils.h"
#include "roster-window.h"

#define ACME_MEMBER_COUNT 30
#define ACME_TOAST_NAME "Acme &amp; &lt;Sons&gt;"
#define ACME_MEMBERS_PATH "/api/v2/organizations/" ROSTER_DEMO_ORG_ACME "/members"
#define READ_ONLY_SCOPES "read:organizations read:organization_members"

typedef struct
{
  RosterDemoTenant *tenant;
  RosterClient     *client;
  RosterWindow     *window;
} Fixture;

static GtkApplication *application;

static AdwStatusPage *
find_status_page (Fixture    *fixture,
                  const char *title)
{
  return ADW_STATUS_PAGE (roster_test_find_widget (GTK_WIDGET (fixture->window),
                                                   roster_test_is_mapped_status_page, title));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->tenant = roster_demo_tenant_new ();
}

/* Closes the window and checks that it finalizes: nothing it started may
 * keep it alive. */
static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      GtkWindow *window = GTK_WINDOW (fixture->window);

      g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &fixture->window);
      gtk_window_destroy (window);
      roster_test_wait_until (roster_test_pointer_is_null, &fixture->window, "the window to finalize");
    }

  g_clear_object (&fixture->client);
  g_clear_object (&fixture->tenant);
}

static void
open_window (Fixture      *fixture,
             RosterClient *client,
             const GError *environment_error)
{
  fixture->window = roster_window_new (application, client, environment_error);
  gtk_window_present (GTK_WINDOW (fixture->window));

  roster_test_wait_until (roster_test_widget_is_mapped, fixture->window, "the window to map");
  roster_test_wait_until (roster_test_window_is_idle, fixture->window, "the organizations to load");
}

/* Starts the tenant and opens a window on it with a token granting
 * @scopes (NULL: every scope). */
static void
connect_window (Fixture    *fixture,
                const char *scopes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  roster_demo_tenant_start (fixture->tenant, 0, &error);
  g_assert_no_error (error);

  token = roster_demo_tenant_mint_token (fixture->tenant, scopes);
  fixture->client = roster_client_new (roster_demo_tenant_get_base_uri (fixture->tenant));
  roster_client_set_access_token (fixture->client, token);

  open_window (fixture, fixture->client, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (roster_window_get_organizations (fixture->window)), >, 0);
}

static void
open_organization (Fixture    *fixture,
                   const char *organization_id)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-organization",
                              "s", organization_id);
  roster_test_wait_until (roster_test_window_is_idle, fixture->window, "the members to load");
}

static AdwMessageDialog *
ask_to_remove (Fixture *fixture)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.remove-selected", NULL);
  roster_test_wait_until (roster_test_dialog_is_mapped, fixture->window, "the confirmation dialog to map");

  return roster_window_get_message_dialog (fixture->window);
}

static void
click_dialog_button (Fixture    *fixture,
                     const char *label)
{
  AdwMessageDialog *dialog = roster_window_get_message_dialog (fixture->window);
  GtkWidget *button = roster_test_find_widget (GTK_WIDGET (dialog), roster_test_is_mapped_button, label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");

  roster_test_wait_until (roster_test_dialog_is_gone, fixture->window, "the dialog to close");
  roster_test_wait_until (roster_test_window_is_idle, fixture->window, "the removal to finish");
}

static guint
count_requests (Fixture    *fixture,
                const char *method)
{
  GPtrArray *requests = roster_demo_tenant_get_requests (fixture->tenant);
  guint count = 0;

  for (guint i = 0; i < requests->len; i++)
    {
      RosterDemoRequest *request = g_ptr_array_index (requests, i);

      if (g_str_equal (request->method, method))
        count++;
    }

  return count;
}

static void
test_no_environment_shows_empty_state (Fixture       *fixture,
                                       gconstpointer  data)
{
  AdwStatusPage *page;
  const char *description;

  open_window (fixture, NULL, NULL);

  page = find_status_page (fixture, "No Tenant Configured");
  g_assert_nonnull (page);

  description = adw_status_page_get_description (page);
  g_assert_nonnull (strstr (description, "AUTH0_DOMAIN"));
  g_assert_nonnull (strstr (description, "AUTH0_API_TOKEN"));
  g_assert_nonnull (strstr (description, "AUTH0_CLIENT_ID"));
  g_assert_nonnull (strstr (description, "AUTH0_CLIENT_SECRET"));

  /* Refresh is disabled without a tenant: were it run, reloading without a
   * client would fail a precondition, which is fatal in tests. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  g_assert_false (roster_window_is_loading (fixture->window));
  g_assert_nonnull (find_status_page (fixture, "No Tenant Configured"));
}

static void
test_invalid_domain_names_value (Fixture       *fixture,
                                 gconstpointer  data)
{
  const char *environment[] = {
    "AUTH0_DOMAIN=http://tenant.example.com/some/path",
    "AUTH0_API_TOKEN=do-not-show-this-token",
    NULL
  };
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(GError) error = NULL;
  AdwStatusPage *page;
  const char *description;

  client = roster_environment_create_client (environment, &error);
  g_assert_null (client);
  g_assert_error (error, ROSTER_ENVIRONMENT_ERROR, ROSTER_ENVIRONMENT_ERROR_INVALID_DOMAIN);

  open_window (fixture, NULL, error);

  page = find_status_page (fixture, "Cannot Connect to the Tenant");
  g_assert_nonnull (page);

  description = adw_status_page_get_description (page);
  g_assert_nonnull (strstr (description, "AUTH0_DOMAIN"));
  g_assert_nonnull (strstr (description, "tenant.example.com"));
  g_assert_null (strstr (description, "do-not-show-this-token"));
}

static void
test_header_counts_selection (Fixture       *fixture,
                              gconstpointer  data)
{
  g_auto(GStrv) user_ids = NULL;
  GtkWidget *remove_button;

  connect_window (fixture, NULL);
  open_organization (fixture, ROSTER_DEMO_ORG_ACME);
  g_assert_cmpuint (roster_test_count_members (fixture->window), ==, ACME_MEMBER_COUNT);
  g_assert_cmpuint (roster_test_count_selected (fixture->window), ==, 0);
  remove_button = roster_test_find_widget (GTK_WIDGET (fixture->window),
                                           roster_test_is_mapped_button, "_Remove…");
  g_assert_nonnull (remove_button);
  g_assert_false (gtk_widget_get_sensitive (remove_button));

  user_ids = roster_test_select_first_members (fixture->window, 3);
  g_assert_true (gtk_widget_get_sensitive (remove_button));
  g_assert_nonnull (roster_test_find_widget (GTK_WIDGET (fixture->window),
                                             roster_test_is_window_title, "3 Selected"));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.clear-selection", NULL);
  g_assert_cmpuint (roster_test_count_selected (fixture->window), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (remove_button));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.select-all", NULL);
  g_assert_cmpuint (roster_test_count_selected (fixture->window), ==, ACME_MEMBER_COUNT);
  g_assert_nonnull (roster_test_find_widget (GTK_WIDGET (fixture->window),
                                             roster_test_is_window_title, "30 Selected"));
}

static void
test_remove_three_members (Fixture       *fixture,
                           gconstpointer  data)
{
  g_auto(GStrv) user_ids = NULL;
  g_auto(GStrv) toasts = NULL;
  AdwMessageDialog *dialog;
  const char *body;

  connect_window (fixture, NULL);
  open_organization (fixture, ROSTER_DEMO_ORG_ACME);
  user_ids = roster_test_select_first_members (fixture->window, 3);

  dialog = ask_to_remove (fixture);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove 3 Members from Acme & <Sons>?");
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, "Ada Lovelace, José Álvarez and Zoë Ångström"));
  g_assert_nonnull (strstr (body, "They lose access to Acme & <Sons>. Their user accounts stay."));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->window));

  click_dialog_button (fixture, "_Remove");

  toasts = roster_window_get_toast_titles (fixture->window);
  g_assert_cmpuint (g_strv_length (toasts), ==, 1);
  g_assert_cmpstr (toasts[0], ==, "Removed 3 members from " ACME_TOAST_NAME " (204)");
  g_assert_cmpstr (roster_window_get_status_text (fixture->window), ==,
                   "Removed 3 members from Acme & <Sons> (204)");

  g_assert_cmpuint (roster_test_count_members (fixture->window), ==, ACME_MEMBER_COUNT - 3);
  for (guint i = 0; user_ids[i] != NULL; i++)
    {
      g_assert_false (roster_test_lists_member (fixture->window, user_ids[i]));
      g_assert_false (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_ACME, user_ids[i]));
    }
  g_assert_cmpuint (roster_test_count_selected (fixture->window), ==, 0);
}

static void
test_remove_without_scope_keeps_selection (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_auto(GStrv) user_ids = NULL;
  g_auto(GStrv) toasts = NULL;
  GtkSelectionModel *selection;
  const char *status;

  connect_window (fixture, READ_ONLY_SCOPES);
  open_organization (fixture, ROSTER_DEMO_ORG_ACME);
  user_ids = roster_test_select_first_members (fixture->window, 3);

  ask_to_remove (fixture);
  click_dialog_button (fixture, "_Remove");

  toasts = roster_window_get_toast_titles (fixture->window);
  g_assert_cmpuint (g_strv_length (toasts), ==, 1);
  g_assert_cmpstr (toasts[0], ==, "Could not remove 3 members: missing scope delete:organization_members (403)");
  status = roster_window_get_status_text (fixture->window);
  g_assert_true (g_str_has_prefix (status, "Could not remove 3 members from Acme & <Sons>. "));
  g_assert_nonnull (strstr (status, "delete:organization_members scope (403 insufficient_scope)"));

  g_assert_cmpuint (roster_test_count_members (fixture->window), ==, ACME_MEMBER_COUNT);
  selection = roster_window_get_members_selection (fixture->window);
  g_assert_cmpuint (roster_test_count_selected (fixture->window), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_true (gtk_selection_model_is_selected (selection, i));
  for (guint i = 0; user_ids[i] != NULL; i++)
    g_assert_true (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_ACME, user_ids[i]));
}

static void
test_cancel_keeps_everything (Fixture       *fixture,
                              gconstpointer  data)
{
  g_auto(GStrv) user_ids = NULL;
  g_auto(GStrv) toasts = NULL;

  connect_window (fixture, NULL);
  open_organization (fixture, ROSTER_DEMO_ORG_ACME);
  user_ids = roster_test_select_first_members (fixture->window, 3);
  roster_demo_tenant_clear_requests (fixture->tenant);

  ask_to_remove (fixture);
  click_dialog_button (fixture, "_Cancel");

  g_assert_cmpuint (count_requests (fixture, "DELETE"), ==, 0);
  g_assert_cmpuint (roster_test_count_members (fixture->window), ==, ACME_MEMBER_COUNT);
  g_assert_cmpuint (roster_test_count_selected (fixture->window), ==, 3);
  toasts = roster_window_get_toast_titles (fixture->window);
  g_assert_cmpuint (g_strv_length (toasts), ==, 0);
  g_assert_true (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_ACME, user_ids[0]));
}

/* Return activates the dialog's default widget. */
static void
test_default_response_is_cancel (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_auto(GStrv) user_ids = NULL;
  AdwMessageDialog *dialog;

  connect_window (fixture, NULL);
  open_organization (fixture, ROSTER_DEMO_ORG_ACME);
  user_ids = roster_test_select_first_members (fixture->window, 1);
  roster_demo_tenant_clear_requests (fixture->tenant);

  dialog = ask_to_remove (fixture);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove Member from Acme & <Sons>?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Ada Lovelace\n\nThey lose access to Acme & <Sons>. Their user account stays.");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "default.activate", NULL));
  roster_test_wait_until (roster_test_dialog_is_gone, fixture->window, "the dialog to close");
  roster_test_wait_until (roster_test_window_is_idle, fixture->window, "the window to settle");

  g_assert_cmpuint (count_requests (fixture, "DELETE"), ==, 0);
  g_assert_cmpuint (roster_test_count_members (fixture->window), ==, ACME_MEMBER_COUNT);
  g_assert_true (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_ACME, user_ids[0]));
}

static void
test_remove_many_in_batches (Fixture       *fixture,
                             gconstpointer  data)
{
  g_auto(GStrv) user_ids = NULL;
  g_auto(GStrv) toasts = NULL;
  AdwMessageDialog *dialog;

  connect_window (fixture, NULL);
  open_organization (fixture, ROSTER_DEMO_ORG_ACME);
  user_ids = roster_test_select_first_members (fixture->window, 23);
  roster_demo_tenant_clear_requests (fixture->tenant);

  dialog = ask_to_remove (fixture);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove 23 Members from Acme & <Sons>?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), " and 20 more\n"));
  click_dialog_button (fixture, "_Remove");

  g_assert_cmpuint (count_requests (fixture, "DELETE"), ==, 3);
  toasts = roster_window_get_toast_titles (fixture->window);
  g_assert_cmpuint (g_strv_length (toasts), ==, 1);
  g_assert_cmpstr (toasts[0], ==, "Removed 23 members from " ACME_TOAST_NAME " (204)");
  g_assert_cmpuint (roster_test_count_members (fixture->window), ==, ACME_MEMBER_COUNT - 23);
  for (guint i = 0; user_ids[i] != NULL; i++)
    g_assert_false (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_ACME, user_ids[i]));
}

/* The first of three requests fails with a 500: its ten members stay and
 * stay selected, the other thirteen go, and each outcome gets one toast.
 * A 429 would not do here, because the write scheduler sends it again. */
static void
test_partial_failure_reselects_failed (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_auto(GStrv) user_ids = NULL;
  g_auto(GStrv) toasts = NULL;
  GtkSelectionModel *selection;

  connect_window (fixture, NULL);
  open_organization (fixture, ROSTER_DEMO_ORG_ACME);
  user_ids = roster_test_select_first_members (fixture->window, 23);
  roster_demo_tenant_inject_failure (fixture->tenant, "DELETE", ACME_MEMBERS_PATH, 500,
                                     NULL, "Internal error");

  ask_to_remove (fixture);
  click_dialog_button (fixture, "_Remove");

  toasts = roster_window_get_toast_titles (fixture->window);
  g_assert_cmpuint (g_strv_length (toasts), ==, 2);
  g_assert_cmpstr (toasts[0], ==, "Could not remove 10 members: 500 Internal Server Error");
  g_assert_cmpstr (toasts[1], ==, "Removed 13 members from " ACME_TOAST_NAME " (204)");

  g_assert_cmpuint (roster_test_count_members (fixture->window), ==, ACME_MEMBER_COUNT - 13);
  selection = roster_window_get_members_selection (fixture->window);
  g_assert_cmpuint (roster_test_count_selected (fixture->window), ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(RosterMember) member = g_list_model_get_item (G_LIST_MODEL (selection), i);

      g_assert_cmpstr (roster_member_get_user_id (member), ==, user_ids[i]);
      g_assert_true (gtk_selection_model_is_selected (selection, i));
    }
}

/* Sorted by name, the selection's positions differ from the order Auth0
 * listed the members in; removal must still hit the rows selected. */
static void
test_remove_from_sorted_list (Fixture       *fixture,
                              gconstpointer  data)
{
  g_auto(GStrv) user_ids = NULL;
  GtkColumnView *column_view;
  g_autoptr(GtkColumnViewColumn) name_column = NULL;
  g_autoptr(RosterMember) first_listed = NULL;
  GtkSelectionModel *selection;

  connect_window (fixture, NULL);
  open_organization (fixture, ROSTER_DEMO_ORG_ACME);

  column_view = GTK_COLUMN_VIEW (roster_test_find_widget (GTK_WIDGET (fixture->window),
                                                          roster_test_is_column_view, NULL));
  name_column = g_list_model_get_item (gtk_column_view_get_columns (column_view), 0);
  gtk_column_view_sort_by_column (column_view, name_column, GTK_SORT_DESCENDING);

  selection = roster_window_get_members_selection (fixture->window);
  first_listed = g_list_model_get_item (roster_window_get_members (fixture->window), 0);
  for (guint i = 0; i + 1 < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      g_autoptr(RosterMember) member = g_list_model_get_item (G_LIST_MODEL (selection), i);
      g_autoptr(RosterMember) next = g_list_model_get_item (G_LIST_MODEL (selection), i + 1);
      g_autofree char *folded = g_utf8_casefold (roster_member_get_label (member), -1);
      g_autofree char *next_folded = g_utf8_casefold (roster_member_get_label (next), -1);
      g_autofree char *key = g_utf8_collate_key (folded, -1);
      g_autofree char *next_key = g_utf8_collate_key (next_folded, -1);

      g_assert_cmpstr (key, >=, next_key);
    }

  user_ids = roster_test_select_first_members (fixture->window, 3);
  for (guint i = 0; user_ids[i] != NULL; i++)
    g_assert_cmpstr (user_ids[i], !=, roster_member_get_user_id (first_listed));

  ask_to_remove (fixture);
  click_dialog_button (fixture, "_Remove");

  g_assert_cmpuint (roster_test_count_members (fixture->window), ==, ACME_MEMBER_COUNT - 3);
  g_assert_true (roster_test_lists_member (fixture->window, roster_member_get_user_id (first_listed)));
  for (guint i = 0; user_ids[i] != NULL; i++)
    {
      g_assert_false (roster_test_lists_member (fixture->window, user_ids[i]));
      g_assert_false (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_ACME, user_ids[i]));
    }
}

/* Sorting by every column works with members that lack an email or a
 * name: GTK 4.8's string sorter rejects NULL with a critical, which the
 * test environment makes fatal. */
static void
test_sort_by_each_column (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkColumnView *column_view;
  GListModel *columns;
  GListModel *members;
  guint n_without_email = 0;

  connect_window (fixture, NULL);
  open_organization (fixture, ROSTER_DEMO_ORG_ACME);

  members = roster_window_get_members (fixture->window);
  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(RosterMember) member = g_list_model_get_item (members, i);

      if (roster_member_get_email (member) == NULL)
        n_without_email++;
    }
  g_assert_cmpuint (n_without_email, >, 0);

  column_view = GTK_COLUMN_VIEW (roster_test_find_widget (GTK_WIDGET (fixture->window),
                                                          roster_test_is_column_view, NULL));
  columns = gtk_column_view_get_columns (column_view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (gtk_column_view_column_get_sorter (column) == NULL)
        continue;

      g_test_message ("sorting by %s", gtk_column_view_column_get_title (column));
      gtk_column_view_sort_by_column (column_view, column, GTK_SORT_ASCENDING);
      gtk_column_view_sort_by_column (column_view, column, GTK_SORT_DESCENDING);
      g_assert_cmpuint (g_list_model_get_n_items (members), ==, ACME_MEMBER_COUNT);
    }
}

static void
on_members_listed (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (roster_client_list_members_finish (ROSTER_CLIENT (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

/* Auth0 lists removed members for 5-10 s; the tenant does for 8 s here. */
static void
test_refresh_keeps_removed_hidden (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GListStore) listed = g_list_store_new (ROSTER_TYPE_MEMBER);
  g_auto(GStrv) user_ids = NULL;
  gboolean done = FALSE;

  roster_demo_tenant_set_removal_delay (fixture->tenant, 8000);
  connect_window (fixture, NULL);
  open_organization (fixture, ROSTER_DEMO_ORG_ACME);
  user_ids = roster_test_select_first_members (fixture->window, 3);
  ask_to_remove (fixture);
  click_dialog_button (fixture, "_Remove");
  g_assert_cmpuint (roster_test_count_members (fixture->window), ==, ACME_MEMBER_COUNT - 3);

  /* The tenant still lists them, so only the window's memory hides them. */
  roster_client_list_members_async (fixture->client, ROSTER_DEMO_ORG_ACME, listed, NULL,
                                    on_members_listed, &done);
  roster_test_wait_until (flag_is_set, &done, "the check listing");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (listed)), ==, ACME_MEMBER_COUNT);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL));
  g_assert_true (roster_window_is_loading (fixture->window));
  roster_test_wait_until (roster_test_window_is_idle, fixture->window, "the members to reload");

  g_assert_cmpuint (roster_test_count_members (fixture->window), ==, ACME_MEMBER_COUNT - 3);
  for (guint i = 0; user_ids[i] != NULL; i++)
    g_assert_false (roster_test_lists_member (fixture->window, user_ids[i]));
}

static void
test_empty_organization_shows_no_members (Fixture       *fixture,
                                          gconstpointer  data)
{
  connect_window (fixture, NULL);
  open_organization (fixture, ROSTER_DEMO_ORG_EMPTY);

  g_assert_cmpuint (roster_test_count_members (fixture->window), ==, 0);
  g_assert_nonnull (find_status_page (fixture, "No Members"));
}

static void
test_load_failure_offers_retry (Fixture       *fixture,
                                gconstpointer  data)
{
  AdwStatusPage *page;
  const char *description;

  connect_window (fixture, NULL);
  roster_demo_tenant_inject_failure (fixture->tenant, "GET", ACME_MEMBERS_PATH, 403,
                                     "insufficient_scope",
                                     "Insufficient scope, expected any of: read:organization_members");
  open_organization (fixture, ROSTER_DEMO_ORG_ACME);

  page = find_status_page (fixture, "Could Not Load Members");
  g_assert_nonnull (page);
  description = adw_status_page_get_description (page);
  g_assert_nonnull (strstr (description, "403"));
  g_assert_nonnull (strstr (description, "read:organization_members"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.retry", NULL));
  roster_test_wait_until (roster_test_window_is_idle, fixture->window, "the members to load again");
  g_assert_cmpuint (roster_test_count_members (fixture->window), ==, ACME_MEMBER_COUNT);
  g_assert_null (find_status_page (fixture, "Could Not Load Members"));
}

static gboolean
members_show_while_loading (gpointer data)
{
  Fixture *fixture = data;

  return roster_test_count_members (fixture->window) > 0 || !roster_window_is_loading (fixture->window);
}

static void
test_rows_show_while_pages_load (Fixture       *fixture,
                                 gconstpointer  data)
{
  roster_demo_tenant_set_latency (fixture->tenant, 20);
  connect_window (fixture, NULL);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-organization",
                              "s", ROSTER_DEMO_ORG_LARGE);
  roster_test_wait_until (members_show_while_loading, fixture, "the first page");
  g_assert_true (roster_window_is_loading (fixture->window));
  g_assert_cmpuint (roster_test_count_members (fixture->window), <, ROSTER_DEMO_LARGE_MEMBER_COUNT);

  roster_test_wait_until (roster_test_window_is_idle, fixture->window, "the last page");
  g_assert_cmpuint (roster_test_count_members (fixture->window), ==, ROSTER_DEMO_LARGE_MEMBER_COUNT);
}

static void
test_switching_cancels_previous_load (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(RosterMember) first = NULL;

  roster_demo_tenant_set_latency (fixture->tenant, 50);
  connect_window (fixture, NULL);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-organization",
                              "s", ROSTER_DEMO_ORG_LARGE);
  g_assert_true (roster_window_is_loading (fixture->window));
  open_organization (fixture, ROSTER_DEMO_ORG_ACME);

  g_assert_cmpuint (roster_test_count_members (fixture->window), ==, ACME_MEMBER_COUNT);
  first = g_list_model_get_item (roster_window_get_members (fixture->window), 0);
  g_assert_cmpstr (roster_member_get_name (first), ==, "Ada Lovelace");
}

/* The organization open at the last close opens again once the tenant's
 * list includes it, and opening one records it for the next start. */
static void
test_restores_last_organization (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *saved = NULL;
  g_auto(GStrv) toasts_after_restore = NULL;
  g_auto(GStrv) toasts_after_unknown = NULL;

  connect_window (fixture, NULL);
  open_organization (fixture, ROSTER_DEMO_ORG_EMPTY);
  saved = g_settings_get_string (settings, "last-organization");
  g_assert_cmpstr (saved, ==, ROSTER_DEMO_ORG_EMPTY);

  roster_window_restore_organization (fixture->window, ROSTER_DEMO_ORG_ACME);
  roster_window_set_client (fixture->window, fixture->client);
  roster_test_wait_until (roster_test_window_is_idle, fixture->window,
                          "the organizations and members to load");

  g_assert_cmpuint (roster_test_count_members (fixture->window), ==, 30);
  toasts_after_restore = roster_window_get_toast_titles (fixture->window);
  g_assert_cmpuint (g_strv_length (toasts_after_restore), ==, 0);

  /* An id from another tenant opens nothing and reports nothing. */
  roster_window_restore_organization (fixture->window, "org_fromAnotherTenant");
  roster_window_set_client (fixture->window, fixture->client);
  roster_test_wait_until (roster_test_window_is_idle, fixture->window, "the organizations to load");

  g_assert_cmpuint (roster_test_count_members (fixture->window), ==, 0);
  toasts_after_unknown = roster_window_get_toast_titles (fixture->window);
  g_assert_cmpuint (g_strv_length (toasts_after_unknown), ==, 0);

  g_settings_reset (settings, "last-organization");
}

static void
add_test (const char *path,
          void      (*test) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, test, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  application = GTK_APPLICATION (adw_application_new ("io.github.roster_app.Roster.WindowTest",
                                                      G_APPLICATION_NON_UNIQUE));
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  add_test ("/window/setup/no-environment", test_no_environment_shows_empty_state);
  add_test ("/window/setup/invalid-domain", test_invalid_domain_names_value);
  add_test ("/window/members/header-counts-selection", test_header_counts_selection);
  add_test ("/window/members/empty-organization", test_empty_organization_shows_no_members);
  add_test ("/window/members/load-failure-retry", test_load_failure_offers_retry);
  add_test ("/window/members/rows-while-loading", test_rows_show_while_pages_load);
  add_test ("/window/members/switch-cancels-load", test_switching_cancels_previous_load);
  add_test ("/window/members/restores-last-organization", test_restores_last_organization);
  add_test ("/window/remove/three-members", test_remove_three_members);
  add_test ("/window/remove/missing-scope", test_remove_without_scope_keeps_selection);
  add_test ("/window/remove/cancel", test_cancel_keeps_everything);
  add_test ("/window/remove/default-is-cancel", test_default_response_is_cancel);
  add_test ("/window/remove/many-in-batches", test_remove_many_in_batches);
  add_test ("/window/remove/partial-failure", test_partial_failure_reselects_failed);
  add_test ("/window/remove/sorted-list", test_remove_from_sorted_list);
  add_test ("/window/members/sort-by-each-column", test_sort_by_each_column);
  add_test ("/window/remove/refresh-keeps-removed-hidden", test_refresh_keeps_removed_hidden);

  status = g_test_run ();

  g_clear_object (&application);

  return status;
}
