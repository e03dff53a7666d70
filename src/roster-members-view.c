/* roster-members-view.c: the members of one organization in a column view
 * with multiple selection, with its loading, empty and failed states.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "roster-error-text.h"
#include "roster-members-view.h"
#include "roster-removed-members.h"

/* The scope GET /api/v2/organizations/{id}/members requires. */
#define LIST_MEMBERS_SCOPE "read:organization_members"

#define AVATAR_SIZE 24

struct _RosterMembersView
{
  GtkWidget             parent_instance;

  /* Template children */
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  GtkColumnView        *column_view;

  RosterClient         *client;              /* owned, nullable */
  RosterRemovedMembers *removed_members;     /* owned, nullable */
  RosterOrganization   *organization;        /* owned, nullable: the one shown */
  GListStore           *members;             /* owned: what the list shows, in Auth0's order */
  GtkSortListModel     *sorted;              /* owned: @members in the column view's order */
  GtkMultiSelection    *selection;           /* owned: over @sorted */
  GListStore           *staging;             /* owned, nullable: pages of the load in progress */
  GCancellable         *cancellable;         /* owned, nullable: the load in progress */
  GError               *error;               /* owned, nullable: why the last load failed */
  guint                 spinner_timeout_id;
  gboolean              spinner_due;
  gboolean              loading_more;
};

enum {
  PROP_0,
  PROP_LOADING,
  PROP_LOADING_MORE,
  PROP_ORGANIZATION,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (RosterMembersView, roster_members_view, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static const char *
choose_page (RosterMembersView *self)
{
  if (self->organization == NULL)
    return "none";

  if (self->error != NULL)
    return "error";

  if (g_list_model_get_n_items (G_LIST_MODEL (self->members)) > 0)
    return "members";

  if (self->cancellable != NULL)
    return self->spinner_due ? "loading" : "blank";

  return "empty";
}

/* Shows the page for the current state and updates loading-more, which is
 * TRUE while rows show and later pages still load. The window marks that
 * state with a small spinner. */
static void
update_state (RosterMembersView *self)
{
  gboolean loading_more;

  g_assert (ROSTER_IS_MEMBERS_VIEW (self));

  gtk_stack_set_visible_child_name (self->stack, choose_page (self));

  loading_more = self->cancellable != NULL && self->spinner_due &&
                 g_list_model_get_n_items (G_LIST_MODEL (self->members)) > 0;
  if (loading_more != self->loading_more)
    {
      self->loading_more = loading_more;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING_MORE]);
    }
}

static gboolean
shows_organization (RosterMembersView *self,
                    const char        *organization_id)
{
  return self->organization != NULL &&
         g_strcmp0 (roster_organization_get_id (self->organization), organization_id) == 0;
}

static gboolean
was_removed (RosterMembersView *self,
             RosterMember      *member,
             gint64             now)
{
  if (self->removed_members == NULL)
    return FALSE;

  return roster_removed_members_contains (self->removed_members,
                                          roster_organization_get_id (self->organization),
                                          roster_member_get_user_id (member),
                                          now);
}

/* Copies each page from the staging store as the client appends it,
 * leaving out members removed in the last minute, because Auth0 still
 * lists them for about 5 to 10 seconds after a 204. A cancelled load can never add rows this way. */
static void
on_staging_items_changed (GListModel        *staging,
                          guint              position,
                          guint              removed,
                          guint              added,
                          RosterMembersView *self)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now = g_get_monotonic_time ();

  for (guint i = position; i < position + added; i++)
    {
      RosterMember *member = g_list_model_get_item (staging, i);

      if (was_removed (self, member, now))
        g_object_unref (member);
      else
        g_ptr_array_add (page, member);
    }

  g_list_store_splice (self->members,
                       g_list_model_get_n_items (G_LIST_MODEL (self->members)),
                       0, page->pdata, page->len);

  update_state (self);
}

static gboolean
on_spinner_timeout (gpointer user_data)
{
  RosterMembersView *self = user_data;

  self->spinner_timeout_id = 0;
  self->spinner_due = TRUE;
  update_state (self);

  return G_SOURCE_REMOVE;
}

static void
stop_loading (RosterMembersView *self)
{
  g_assert (ROSTER_IS_MEMBERS_VIEW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->spinner_timeout_id, g_source_remove);
  self->spinner_due = FALSE;

  if (self->staging != NULL)
    g_signal_handlers_disconnect_by_func (self->staging, on_staging_items_changed, self);
  g_clear_object (&self->staging);
}

static void
show_error (RosterMembersView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;

  text = roster_error_text_describe (self->error, LIST_MEMBERS_SCOPE, now);
  markup = g_markup_escape_text (text, -1);
  adw_status_page_set_description (self->error_page, markup);
}

static void
on_members_listed (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  RosterMembersView *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!roster_client_list_members_finish (ROSTER_CLIENT (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  stop_loading (self);

  /* Rows of a partial list stay, but the error page hides them: an
   * incomplete list must not pass for the whole organization. */
  if (error != NULL)
    {
      g_debug ("Listing the members of %s failed: %s",
               roster_organization_get_id (self->organization), error->message);
      self->error = g_steal_pointer (&error);
      show_error (self);
    }

  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
start_loading (RosterMembersView *self)
{
  g_assert (ROSTER_IS_MEMBERS_VIEW (self));
  g_assert (self->client != NULL);
  g_assert (self->organization != NULL);

  self->cancellable = g_cancellable_new ();
  self->staging = g_list_store_new (ROSTER_TYPE_MEMBER);
  g_signal_connect (self->staging, "items-changed",
                    G_CALLBACK (on_staging_items_changed), self);
  self->spinner_timeout_id = g_timeout_add (ROSTER_SPINNER_DELAY_MS, on_spinner_timeout, self);

  roster_client_list_members_async (self->client,
                                    roster_organization_get_id (self->organization),
                                    self->staging, self->cancellable,
                                    on_members_listed, self);
}

static void
name_cell_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    RosterMembersView        *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);

  gtk_box_append (GTK_BOX (box), adw_avatar_new (AVATAR_SIZE, NULL, TRUE));
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

/* A member without a name shows their label (email, else user id) dimmed,
 * so it does not read as a name. */
static void
name_cell_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   RosterMembersView        *self)
{
  RosterMember *member = gtk_list_item_get_item (item);
  GtkWidget *avatar = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *label = gtk_widget_get_next_sibling (avatar);
  const char *name = roster_member_get_name (member);
  gboolean has_name = name != NULL && *name != '\0';

  adw_avatar_set_text (ADW_AVATAR (avatar), roster_member_get_label (member));
  gtk_label_set_label (GTK_LABEL (label), has_name ? name : roster_member_get_label (member));
  gtk_widget_set_tooltip_text (label, has_name ? NULL : _("No name"));

  if (has_name)
    gtk_widget_remove_css_class (label, "dim-label");
  else
    gtk_widget_add_css_class (label, "dim-label");
}

static void
roster_members_view_dispose (GObject *object)
{
  RosterMembersView *self = (RosterMembersView *) object;

  stop_loading (self);

  /* Disposing the column view removes its sorted column, which would sort
   * the rows once more on the way out. */
  gtk_sort_list_model_set_sorter (self->sorted, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_MEMBERS_VIEW);

  G_OBJECT_CLASS (roster_members_view_parent_class)->dispose (object);
}

static void
roster_members_view_finalize (GObject *object)
{
  RosterMembersView *self = (RosterMembersView *) object;

  g_clear_object (&self->client);
  g_clear_object (&self->removed_members);
  g_clear_object (&self->organization);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->members);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (roster_members_view_parent_class)->finalize (object);
}

static void
roster_members_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RosterMembersView *self = ROSTER_MEMBERS_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, roster_members_view_is_loading (self));
      break;

    case PROP_LOADING_MORE:
      g_value_set_boolean (value, self->loading_more);
      break;

    case PROP_ORGANIZATION:
      g_value_set_object (value, self->organization);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_members_view_class_init (RosterMembersViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_members_view_dispose;
  object_class->finalize = roster_members_view_finalize;
  object_class->get_property = roster_members_view_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Whether rows show while later pages still load, past the spinner delay. */
  properties[PROP_LOADING_MORE] =
    g_param_spec_boolean ("loading-more", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ORGANIZATION] =
    g_param_spec_object ("organization", NULL, NULL,
                         ROSTER_TYPE_ORGANIZATION,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The list item templates look their properties up by type name. */
  g_type_ensure (ROSTER_TYPE_MEMBER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/roster_app/Roster/roster-members-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterMembersView, stack);
  gtk_widget_class_bind_template_child (widget_class, RosterMembersView, error_page);
  gtk_widget_class_bind_template_child (widget_class, RosterMembersView, column_view);
  gtk_widget_class_bind_template_callback (widget_class, name_cell_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_cell_bind_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
roster_members_view_init (RosterMembersView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Clicking a column header sorts by it; until then rows keep Auth0's order. */
  self->members = g_list_store_new (ROSTER_TYPE_MEMBER);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->members)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  update_state (self);
}

void
roster_members_view_set_client (RosterMembersView *self,
                                RosterClient      *client)
{
  g_return_if_fail (ROSTER_IS_MEMBERS_VIEW (self));
  g_return_if_fail (client == NULL || ROSTER_IS_CLIENT (client));

  g_set_object (&self->client, client);
}

/**
 * roster_members_view_set_removed_members:
 *
 * Sets the recent removals that loads leave out.
 */
void
roster_members_view_set_removed_members (RosterMembersView    *self,
                                         RosterRemovedMembers *removed_members)
{
  g_return_if_fail (ROSTER_IS_MEMBERS_VIEW (self));
  g_return_if_fail (removed_members == NULL || ROSTER_IS_REMOVED_MEMBERS (removed_members));

  g_set_object (&self->removed_members, removed_members);
}

/**
 * roster_members_view_load:
 * @organization: (nullable): the organization to show, or %NULL for none
 *
 * Cancels any load in progress, empties the list and lists the members of
 * @organization page by page. Rows show as each page arrives.
 */
void
roster_members_view_load (RosterMembersView  *self,
                          RosterOrganization *organization)
{
  g_return_if_fail (ROSTER_IS_MEMBERS_VIEW (self));
  g_return_if_fail (organization == NULL || ROSTER_IS_ORGANIZATION (organization));
  g_return_if_fail (organization == NULL || self->client != NULL);

  stop_loading (self);
  g_clear_error (&self->error);
  g_set_object (&self->organization, organization);
  g_list_store_remove_all (self->members);

  if (organization != NULL)
    start_loading (self);

  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANIZATION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/**
 * roster_members_view_reload:
 *
 * Loads the members of the shown organization again, if there is one.
 */
void
roster_members_view_reload (RosterMembersView *self)
{
  g_autoptr(RosterOrganization) organization = NULL;

  g_return_if_fail (ROSTER_IS_MEMBERS_VIEW (self));

  if (self->organization == NULL)
    return;

  organization = g_object_ref (self->organization);
  roster_members_view_load (self, organization);
}

/**
 * roster_members_view_get_organization:
 *
 * Returns: (transfer none) (nullable): the organization shown
 */
RosterOrganization *
roster_members_view_get_organization (RosterMembersView *self)
{
  g_return_val_if_fail (ROSTER_IS_MEMBERS_VIEW (self), NULL);

  return self->organization;
}

/**
 * roster_members_view_get_members:
 *
 * Returns: (transfer none): the listed members (RosterMember), in the
 *   order Auth0 listed them
 */
GListModel *
roster_members_view_get_members (RosterMembersView *self)
{
  g_return_val_if_fail (ROSTER_IS_MEMBERS_VIEW (self), NULL);

  return G_LIST_MODEL (self->members);
}

/**
 * roster_members_view_get_selection_model:
 *
 * Returns: (transfer none): the selection over the listed members, in the
 *   order the list shows them
 */
GtkSelectionModel *
roster_members_view_get_selection_model (RosterMembersView *self)
{
  g_return_val_if_fail (ROSTER_IS_MEMBERS_VIEW (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

gboolean
roster_members_view_is_loading (RosterMembersView *self)
{
  g_return_val_if_fail (ROSTER_IS_MEMBERS_VIEW (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * roster_members_view_get_error:
 *
 * Returns: (transfer none) (nullable): why the last load failed
 */
const GError *
roster_members_view_get_error (RosterMembersView *self)
{
  g_return_val_if_fail (ROSTER_IS_MEMBERS_VIEW (self), NULL);

  return self->error;
}

/**
 * roster_members_view_dup_selected_members:
 *
 * Returns: (transfer container) (element-type RosterMember): the selected
 *   members, in the order the list shows them
 */
GPtrArray *
roster_members_view_dup_selected_members (RosterMembersView *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GPtrArray *members;
  GtkBitsetIter iter;
  guint position;

  g_return_val_if_fail (ROSTER_IS_MEMBERS_VIEW (self), NULL);

  members = g_ptr_array_new_with_free_func (g_object_unref);
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  for (gboolean valid = gtk_bitset_iter_init_first (&iter, selected, &position);
       valid;
       valid = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (members, g_list_model_get_item (G_LIST_MODEL (self->selection), position));

  return members;
}

/**
 * roster_members_view_remove_members:
 * @organization_id: the organization the members left; nothing happens
 *   unless it is the one shown
 * @user_ids: (array zero-terminated=1): the members to take out of the list
 *
 * Takes the members out of the list in one pass from the end, removing
 * each run of adjacent rows with one splice.
 */
void
roster_members_view_remove_members (RosterMembersView  *self,
                                    const char         *organization_id,
                                    const char * const *user_ids)
{
  g_autoptr(GHashTable) doomed = NULL;
  GListModel *model;
  guint run_end = 0;
  gboolean in_run = FALSE;

  g_return_if_fail (ROSTER_IS_MEMBERS_VIEW (self));
  g_return_if_fail (organization_id != NULL);
  g_return_if_fail (user_ids != NULL);

  if (!shows_organization (self, organization_id))
    return;

  doomed = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; user_ids[i] != NULL; i++)
    g_hash_table_add (doomed, (gpointer) user_ids[i]);

  model = G_LIST_MODEL (self->members);
  for (guint position = g_list_model_get_n_items (model); position > 0; position--)
    {
      g_autoptr(RosterMember) member = g_list_model_get_item (model, position - 1);
      gboolean matches = g_hash_table_contains (doomed, roster_member_get_user_id (member));

      if (matches && !in_run)
        run_end = position;
      else if (!matches && in_run)
        g_list_store_splice (self->members, position, run_end - position, NULL, 0);

      in_run = matches;
    }

  if (in_run)
    g_list_store_splice (self->members, 0, run_end, NULL, 0);

  update_state (self);
}

/**
 * roster_members_view_select_members:
 * @organization_id: nothing happens unless it is the organization shown
 * @user_ids: (element-type utf8 utf8): a set of user ids
 *
 * Makes the selection exactly the listed members whose ids are in
 * @user_ids.
 */
void
roster_members_view_select_members (RosterMembersView *self,
                                    const char        *organization_id,
                                    GHashTable        *user_ids)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GtkBitset) mask = NULL;
  GListModel *model;
  guint n_items;

  g_return_if_fail (ROSTER_IS_MEMBERS_VIEW (self));
  g_return_if_fail (organization_id != NULL);
  g_return_if_fail (user_ids != NULL);

  if (!shows_organization (self, organization_id))
    return;

  /* Selection positions are positions in the sorted model. */
  model = G_LIST_MODEL (self->selection);
  n_items = g_list_model_get_n_items (model);
  selected = gtk_bitset_new_empty ();
  mask = gtk_bitset_new_range (0, n_items);

  for (guint position = 0; position < n_items; position++)
    {
      g_autoptr(RosterMember) member = g_list_model_get_item (model, position);

      if (g_hash_table_contains (user_ids, roster_member_get_user_id (member)))
        gtk_bitset_add (selected, position);
    }

  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), selected, mask);
}
