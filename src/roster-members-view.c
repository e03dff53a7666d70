/* roster-members-view.c: the members of one organization in a column view
 * with multiple selection, with its loading, empty and failed states.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "roster-csv-export.h"
#include "roster-error-text.h"
#include "roster-member-details.h"
#include "roster-member-selection.h"
#include "roster-members-view.h"
#include "roster-removed-members.h"
#include "roster-search-filter.h"
#include "roster-search-key.h"

/* The scope GET /api/v2/organizations/{id}/members requires. */
#define LIST_MEMBERS_SCOPE "read:organization_members"

/* The scope the same request also needs when it includes roles. */
#define LIST_ROLES_SCOPE "read:organization_member_roles"

#define AVATAR_SIZE 24

/* Whether the rows carry roles, and if not, why. */
typedef enum
{
  ROLES_UNKNOWN,     /* no load yet, or the token could not be read */
  ROLES_LISTED,      /* the list included roles */
  ROLES_NO_SCOPE,    /* the token lacks LIST_ROLES_SCOPE */
} RolesState;

struct _RosterMembersView
{
  GtkWidget             parent_instance;

  /* Template children */
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  GtkColumnView        *column_view;

  RosterClient         *client;              /* owned, nullable */
  RosterRemovedMembers *removed_members;     /* owned, nullable */
  RosterOrganization   *organization;        /* owned, nullable: the one shown */
  GListStore           *members;             /* owned: what the list shows, in Auth0's order */
  GtkSortListModel     *sorted;              /* owned: @members in the column view's order */
  RosterSearchFilter   *search_filter;       /* owned */
  GtkFilterListModel   *filtered;            /* owned: the rows of @sorted that match the search */
  RosterMemberSelection *selection;          /* owned: over @filtered, keeps hidden rows selected */
  GListStore           *staging;             /* owned, nullable: pages of the load in progress */
  GCancellable         *cancellable;         /* owned, nullable: the load in progress */
  GError               *error;               /* owned, nullable: why the last load failed */
  guint                 spinner_timeout_id;
  gboolean              spinner_due;
  gboolean              loading_more;
  int                   n_hidden_selected;   /* -1 until counted again */
  RolesState            roles_state;
  gboolean              roles_requested;     /* the load in progress requests roles */
  GSimpleActionGroup   *actions;             /* owned: the "members" actions on the selection */
  GCancellable         *export_cancellable;  /* owned, nullable: while an export runs */
};

enum {
  PROP_0,
  PROP_LOADING,
  PROP_LOADING_MORE,
  PROP_ORGANIZATION,
  PROP_SEARCH_MODE_ENABLED,
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
    {
      if (roster_search_filter_is_active (self->search_filter) &&
          g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0 &&
          gtk_filter_list_model_get_pending (self->filtered) == 0)
        return "no-results";

      return "members";
    }

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

static void update_actions (RosterMembersView *self);

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

static void list_members (RosterMembersView *self);

/* Whether Auth0 rejected a list that asked for roles because of the roles
 * scope. Its 403 message names the scopes it expected; when the token
 * could be decoded, its scopes were checked before and a 403 has another
 * cause. */
static gboolean
is_missing_roles_scope (RosterMembersView *self,
                        const GError      *error)
{
  const char *message = roster_api_error_get_auth0_message (error);

  return self->roles_requested && self->roles_state == ROLES_UNKNOWN &&
         g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_FORBIDDEN) &&
         (message == NULL || strstr (message, LIST_ROLES_SCOPE) != NULL) &&
         g_list_model_get_n_items (G_LIST_MODEL (self->staging)) == 0;
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

  /* A token that could not be decoded may still lack the roles scope.
   * Auth0 then rejects the first page, and the list goes on without
   * roles. NOTE: no test runs this path, because the demo tenant accepts
   * only tokens that Roster can decode. */
  if (error != NULL && is_missing_roles_scope (self, error))
    {
      g_debug ("Listing members with roles was forbidden, listing them without: %s", error->message);
      self->roles_state = ROLES_NO_SCOPE;
      list_members (self);
      return;
    }

  if (self->roles_requested)
    self->roles_state = ROLES_LISTED;

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
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
list_members (RosterMembersView *self)
{
  RosterMemberFields fields = ROSTER_MEMBER_FIELDS_DEFAULT;

  self->roles_requested = self->roles_state != ROLES_NO_SCOPE;
  if (self->roles_requested)
    fields |= ROSTER_MEMBER_FIELDS_ROLES;

  roster_client_list_members_with_fields_async (self->client,
                                                roster_organization_get_id (self->organization),
                                                fields, self->staging, self->cancellable,
                                                on_members_listed, self);
}

/* Reads the token's scopes, so that roles are asked for only when the
 * token grants them. Auth0 checks the token anyway: decoding here only
 * saves a rejected request. */
static void
on_access_token_ready (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  RosterMembersView *self = user_data;
  g_autoptr(RosterJwtClaims) claims = NULL;
  g_autoptr(GError) error = NULL;
  char *token;

  token = roster_client_get_access_token_finish (ROSTER_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Without a token the list fails too and shows why. */
  if (token != NULL)
    claims = roster_jwt_decode (token, NULL);
  roster_client_free_token (token);

  if (claims != NULL)
    self->roles_state = roster_jwt_claims_has_scope (claims, LIST_ROLES_SCOPE) ? ROLES_LISTED : ROLES_NO_SCOPE;
  else
    self->roles_state = ROLES_UNKNOWN;

  list_members (self);
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

  roster_client_get_access_token_async (self->client, self->cancellable,
                                        on_access_token_ready, self);
}


static void
apply_search (RosterMembersView *self,
              const char        *text)
{
  roster_search_filter_set_query (self->search_filter, text);
  update_state (self);
}

static void
search_changed_cb (RosterMembersView *self)
{
  apply_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Rows arrive or leave as the filter model works through the list. */
static void
on_filtered_changed (RosterMembersView *self)
{
  update_state (self);
  update_actions (self);
}

static void
on_search_filter_changed (RosterMembersView *self)
{
  self->n_hidden_selected = -1;
}

static void
on_selection_changed (RosterMembersView *self)
{
  self->n_hidden_selected = -1;
  update_actions (self);
}

/* Ctrl+F works anywhere in the window while an organization shows. When
 * none does, the shortcut is left to the sidebar. */
static gboolean
start_search_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  RosterMembersView *self = ROSTER_MEMBERS_VIEW (widget);

  if (self->organization == NULL)
    return FALSE;

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));

  return TRUE;
}

static void
add_search_shortcut (RosterMembersView *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcut *shortcut;

  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                               gtk_callback_action_new (start_search_cb, NULL, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* Makes a cell leave selection to its row. On GTK 4.8.3 each column view
 * cell is a list item of its own, and a Ctrl-click toggled the member once
 * in the cell and back in the row, so it never changed the selection.
 * Clicks, Shift-clicks and keyboard selection keep working through the
 * row. The .ui cell templates set the same property. */
static void
roster_members_view_setup_cell (GtkListItem *item)
{
  gtk_list_item_set_selectable (item, FALSE);
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
  roster_members_view_setup_cell (item);
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

/* Decides which of the "members" actions are enabled. */
static void
update_actions (RosterMembersView *self)
{
  guint n_selected = roster_member_selection_get_n_selected (self->selection);
  guint n_matching = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  gboolean complete;
  GAction *copy;
  GAction *export;

  if (self->actions == NULL)
    return;

  copy = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "copy-user-ids");
  export = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "export-csv");

  /* Exporting every matching member needs the whole list: while pages
   * still arrive, or after a page failed, only a selection is exported. */
  complete = self->cancellable == NULL && self->error == NULL;

  g_simple_action_set_enabled (G_SIMPLE_ACTION (copy), n_selected > 0 && self->error == NULL);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (export),
                               self->export_cancellable == NULL && self->error == NULL &&
                               (n_selected > 0 || (complete && n_matching > 0)));
}

/* Toast titles are Pango markup on libadwaita 1.2, so @text is escaped. */
static void
show_toast (RosterMembersView *self,
            const char        *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *markup = g_markup_escape_text (text, -1);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (markup));
}

static void
copy_user_ids_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  RosterMembersView *self = user_data;
  g_autofree char *text = roster_members_view_dup_selected_user_ids (self);
  guint n_selected = roster_member_selection_get_n_selected (self->selection);
  g_autofree char *toast = NULL;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);

  /* Translators: %u is how many user IDs went to the clipboard */
  toast = g_strdup_printf (ngettext ("Copied %u user ID", "Copied %u user IDs", n_selected), n_selected);
  show_toast (self, toast);
}

static void
on_export_written (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  RosterMembersView *self = ROSTER_MEMBERS_VIEW (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (g_task_get_task_data (G_TASK (result)));
  g_autofree char *toast = NULL;

  if (!roster_members_view_export_finish (self, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_warning ("Exporting members to %s failed: %s", name, error->message);
      /* Translators: %s is the reason, such as "Permission denied" */
      toast = g_strdup_printf (_("Could not export the members: %s"), error->message);
      show_toast (self, toast);
      return;
    }

  /* Translators: %s is a file name */
  toast = g_strdup_printf (_("Exported to %s"), name);
  show_toast (self, toast);
}

static void
on_export_file_chosen (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(RosterMembersView) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  file = roster_csv_export_choose_file_finish (result, &error);
  if (file == NULL)
    {
      g_clear_object (&self->export_cancellable);
      update_actions (self);
      return;
    }

  g_clear_object (&self->export_cancellable);
  update_actions (self);
  roster_members_view_export_async (self, file, on_export_written, NULL);
}

static void
export_csv_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer      user_data)
{
  RosterMembersView *self = user_data;
  g_autofree char *name = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->organization == NULL || self->export_cancellable != NULL)
    return;

  /* Translators: the file name an export suggests; %s is the organization */
  name = g_strdup_printf (_("%s members.csv"), roster_organization_get_display_name (self->organization));
  g_strdelimit (name, "/", '-');

  self->export_cancellable = g_cancellable_new ();
  update_actions (self);
  roster_csv_export_choose_file_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, name,
                                       self->export_cancellable, on_export_file_chosen,
                                       g_object_ref (self));
}

static void
add_actions (RosterMembersView *self)
{
  static const GActionEntry entries[] = {
    { .name = "copy-user-ids", .activate = copy_user_ids_activated },
    { .name = "export-csv", .activate = export_csv_activated },
  };

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries), self);
  update_actions (self);
}

/* Enter or a double click on a row shows every field of the member. */
static void
on_row_activated (RosterMembersView *self,
                  guint              position)
{
  g_autoptr(RosterMember) member = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *roles_unavailable = NULL;
  RosterMemberDetails *details;

  if (member == NULL)
    return;

  if (self->roles_state == ROLES_NO_SCOPE)
    roles_unavailable = _("Needs read:organization_member_roles");
  else if (self->roles_state != ROLES_LISTED)
    roles_unavailable = _("Not loaded");

  details = roster_member_details_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      member, roles_unavailable);
  if (self->client != NULL)
    roster_member_details_load_picture (details, self->client);
  gtk_window_present (GTK_WINDOW (details));
}

static void
roles_cell_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     RosterMembersView        *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
  roster_members_view_setup_cell (item);
}

/* Without the roles scope, each cell names the missing scope, because an
 * empty cell would read as a member without roles. */
static void
roles_cell_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    RosterMembersView        *self)
{
  RosterMember *member = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char * const *roles = roster_member_get_roles (member);
  g_autofree char *text = NULL;
  const char *tooltip = NULL;
  gboolean dim = TRUE;

  if (self->roles_state == ROLES_NO_SCOPE)
    {
      text = g_strdup (_("Needs read:organization_member_roles"));
      tooltip = _("The token lacks the read:organization_member_roles scope, so Auth0 does not send roles.");
    }
  else if (self->roles_state == ROLES_LISTED && roles != NULL && roles[0] != NULL)
    {
      /* Translators: separates the names of a member's roles */
      text = g_strjoinv (_(", "), (char **) roles);
      tooltip = text;
      dim = FALSE;
    }
  else if (self->roles_state == ROLES_LISTED)
    {
      /* Translators: a member with no role in the organization */
      text = g_strdup (C_("roles", "None"));
    }

  gtk_label_set_label (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_tooltip_text (label, tooltip);

  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
}

static void
roster_members_view_dispose (GObject *object)
{
  RosterMembersView *self = (RosterMembersView *) object;

  stop_loading (self);
  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);

  /* Disposing the column view removes its sorted column, which would sort
   * the rows once more on the way out. */
  gtk_sort_list_model_set_sorter (self->sorted, NULL);

  if (self->search_filter != NULL)
    g_signal_handlers_disconnect_by_data (self->search_filter, self);
  if (self->filtered != NULL)
    g_signal_handlers_disconnect_by_data (self->filtered, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);

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
  g_clear_object (&self->filtered);
  g_clear_object (&self->search_filter);
  g_clear_object (&self->sorted);
  g_clear_object (&self->actions);
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

    case PROP_SEARCH_MODE_ENABLED:
      g_value_set_boolean (value, gtk_search_bar_get_search_mode (self->search_bar));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_members_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RosterMembersView *self = ROSTER_MEMBERS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE_ENABLED:
      gtk_search_bar_set_search_mode (self->search_bar, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_search_mode_changed (RosterMembersView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE_ENABLED]);
}

/* Returns the email to sort by, "" for a member without one. */
static char *
email_sort_key_cb (gpointer    item,
                   const char *email)
{
  return g_strdup (email != NULL ? email : "");
}

static void
roster_members_view_class_init (RosterMembersViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_members_view_dispose;
  object_class->finalize = roster_members_view_finalize;
  object_class->get_property = roster_members_view_get_property;
  object_class->set_property = roster_members_view_set_property;

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

  /* Whether the search bar shows, for the toggle button in the header bar. */
  properties[PROP_SEARCH_MODE_ENABLED] =
    g_param_spec_boolean ("search-mode-enabled", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The list item templates look their properties up by type name. */
  g_type_ensure (ROSTER_TYPE_MEMBER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/roster_app/Roster/roster-members-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterMembersView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, RosterMembersView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RosterMembersView, stack);
  gtk_widget_class_bind_template_child (widget_class, RosterMembersView, error_page);
  gtk_widget_class_bind_template_child (widget_class, RosterMembersView, column_view);
  gtk_widget_class_bind_template_callback (widget_class, name_cell_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, email_sort_key_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_cell_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, roles_cell_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, roles_cell_bind_cb);
}

static void
roster_members_view_init (RosterMembersView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->n_hidden_selected = -1;

  /* Clicking a column header sorts by it; until then rows keep Auth0's order. */
  self->members = g_list_store_new (ROSTER_TYPE_MEMBER);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->members)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));

  /* Incremental filtering checks a batch of rows per main loop iteration,
   * so that 100,000 members do not freeze the window on each keystroke. */
  self->search_filter = roster_search_filter_new ((RosterSearchKeyFunc) roster_search_key_for_member);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sorted)),
                                              g_object_ref (GTK_FILTER (self->search_filter)));
  gtk_filter_list_model_set_incremental (self->filtered, TRUE);

  self->selection = roster_member_selection_new (G_LIST_MODEL (self->filtered));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (on_filtered_changed), self);
  g_signal_connect_swapped (self->filtered, "notify::pending", G_CALLBACK (on_filtered_changed), self);
  g_signal_connect_swapped (self->search_filter, "changed", G_CALLBACK (on_search_filter_changed), self);
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->selection, "notify::n-selected", G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (on_search_mode_changed), self);

  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  add_search_shortcut (self);
  add_actions (self);
  g_signal_connect_swapped (self->column_view, "activate", G_CALLBACK (on_row_activated), self);

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
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
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
 * Returns: (transfer none): the selection over the members the search
 *   matches, in the order the list shows them. Its "n-selected" property
 *   also counts the selected members the search hides.
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
 *   members, those the search hides included, in the order the list
 *   sorts them
 */
GPtrArray *
roster_members_view_dup_selected_members (RosterMembersView *self)
{
  GListModel *model;
  GPtrArray *members;
  guint n_items;

  g_return_val_if_fail (ROSTER_IS_MEMBERS_VIEW (self), NULL);

  members = g_ptr_array_new_with_free_func (g_object_unref);
  if (roster_member_selection_get_n_selected (self->selection) == 0)
    return members;

  model = G_LIST_MODEL (self->sorted);
  n_items = g_list_model_get_n_items (model);
  for (guint position = 0; position < n_items; position++)
    {
      g_autoptr(RosterMember) member = g_list_model_get_item (model, position);

      if (roster_member_selection_contains (self->selection, member))
        g_ptr_array_add (members, g_steal_pointer (&member));
    }

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

  roster_member_selection_forget (self->selection, user_ids);
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
  g_autoptr(GPtrArray) members = NULL;
  GListModel *model;
  guint n_items;

  g_return_if_fail (ROSTER_IS_MEMBERS_VIEW (self));
  g_return_if_fail (organization_id != NULL);
  g_return_if_fail (user_ids != NULL);

  if (!shows_organization (self, organization_id))
    return;

  /* The whole list, so that members the search hides are selected too. */
  model = G_LIST_MODEL (self->members);
  n_items = g_list_model_get_n_items (model);
  members = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint position = 0; position < n_items; position++)
    {
      g_autoptr(RosterMember) member = g_list_model_get_item (model, position);

      if (g_hash_table_contains (user_ids, roster_member_get_user_id (member)))
        g_ptr_array_add (members, g_steal_pointer (&member));
    }

  roster_member_selection_set_members (self->selection, members);
}

/**
 * roster_members_view_get_n_selected:
 *
 * Returns: how many members are selected, those the search hides included
 */
guint
roster_members_view_get_n_selected (RosterMembersView *self)
{
  g_return_val_if_fail (ROSTER_IS_MEMBERS_VIEW (self), 0);

  return roster_member_selection_get_n_selected (self->selection);
}

/**
 * roster_members_view_get_n_hidden_selected:
 *
 * Counts the selected members that do not match the search. The count is
 * kept until the selection or the search changes.
 *
 * Returns: how many selected members the search hides
 */
guint
roster_members_view_get_n_hidden_selected (RosterMembersView *self)
{
  g_autoptr(GList) selected = NULL;
  guint n_hidden = 0;

  g_return_val_if_fail (ROSTER_IS_MEMBERS_VIEW (self), 0);

  if (self->n_hidden_selected >= 0)
    return self->n_hidden_selected;

  if (roster_search_filter_is_active (self->search_filter))
    {
      selected = roster_member_selection_get_members (self->selection);
      for (const GList *l = selected; l != NULL; l = l->next)
        {
          if (!gtk_filter_match (GTK_FILTER (self->search_filter), l->data))
            n_hidden++;
        }
    }

  self->n_hidden_selected = n_hidden;

  return n_hidden;
}

/**
 * roster_members_view_get_matching_members:
 *
 * Returns: (transfer none): the members that match the search
 *   (RosterMember), in the order the list shows them; all of them
 *   without a search
 */
GListModel *
roster_members_view_get_matching_members (RosterMembersView *self)
{
  g_return_val_if_fail (ROSTER_IS_MEMBERS_VIEW (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

/**
 * roster_members_view_is_filtering:
 *
 * Returns: whether the search still checks rows against a new query
 */
gboolean
roster_members_view_is_filtering (RosterMembersView *self)
{
  g_return_val_if_fail (ROSTER_IS_MEMBERS_VIEW (self), FALSE);

  return gtk_filter_list_model_get_pending (self->filtered) > 0;
}

/**
 * roster_members_view_set_search_text:
 *
 * Shows the search bar with @text and filters at once, without the delay
 * the search entry waits for while the user types.
 */
void
roster_members_view_set_search_text (RosterMembersView *self,
                                     const char        *text)
{
  g_return_if_fail (ROSTER_IS_MEMBERS_VIEW (self));
  g_return_if_fail (text != NULL);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  apply_search (self, text);
}

/**
 * roster_members_view_get_action_group:
 *
 * Returns the actions on the selection, for the window to insert as
 * "members". "copy-user-ids" copies the selected members' user IDs, one
 * per line. "export-csv" shows a save dialog and exports the members that
 * roster_members_view_dup_export_members() returns.
 *
 * Returns: (transfer none): the action group
 */
GActionGroup *
roster_members_view_get_action_group (RosterMembersView *self)
{
  g_return_val_if_fail (ROSTER_IS_MEMBERS_VIEW (self), NULL);

  return G_ACTION_GROUP (self->actions);
}

/**
 * roster_members_view_dup_selected_user_ids:
 *
 * Returns: (transfer full): the user IDs of the selected members, hidden
 *   ones included, one per line in list order, without a final newline
 */
char *
roster_members_view_dup_selected_user_ids (RosterMembersView *self)
{
  g_autoptr(GPtrArray) members = NULL;
  GString *text;

  g_return_val_if_fail (ROSTER_IS_MEMBERS_VIEW (self), NULL);

  members = roster_members_view_dup_selected_members (self);
  text = g_string_new (NULL);
  for (guint i = 0; i < members->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, roster_member_get_user_id (g_ptr_array_index (members, i)));
    }

  return g_string_free (text, FALSE);
}

/**
 * roster_members_view_dup_export_members:
 *
 * Returns: (transfer container) (element-type RosterMember): the selected
 *   members, hidden ones included, or every member the search matches
 *   when none is selected, in list order
 */
GPtrArray *
roster_members_view_dup_export_members (RosterMembersView *self)
{
  GListModel *matching;
  GPtrArray *members;
  guint n_items;

  g_return_val_if_fail (ROSTER_IS_MEMBERS_VIEW (self), NULL);

  if (roster_member_selection_get_n_selected (self->selection) > 0)
    return roster_members_view_dup_selected_members (self);

  matching = G_LIST_MODEL (self->filtered);
  n_items = g_list_model_get_n_items (matching);
  members = g_ptr_array_new_full (n_items, g_object_unref);
  for (guint position = 0; position < n_items; position++)
    g_ptr_array_add (members, g_list_model_get_item (matching, position));

  return members;
}

static void
on_csv_written (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!roster_csv_export_write_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * roster_members_view_export_async:
 *
 * Writes the members of roster_members_view_dup_export_members() to @file
 * as CSV. The export action calls it once the user has chosen @file.
 */
void
roster_members_view_export_async (RosterMembersView   *self,
                                  GFile               *file,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ROSTER_IS_MEMBERS_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, roster_members_view_export_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);

  members = roster_members_view_dup_export_members (self);
  roster_csv_export_write_async (file, members, NULL, on_csv_written, g_steal_pointer (&task));
}

gboolean
roster_members_view_export_finish (RosterMembersView  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (ROSTER_IS_MEMBERS_VIEW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * roster_members_view_dup_count_text:
 *
 * Describes how many members are listed, whether more are still loading
 * and, during a search, how many match. Auth0's checkpoint pagination
 * sends no total, so the total is known only once the last page arrived.
 *
 * Returns: (transfer full) (nullable): the text, %NULL when the last load
 *   failed or no organization shows
 */
char *
roster_members_view_dup_count_text (RosterMembersView *self)
{
  guint n_members;
  guint n_matching;

  g_return_val_if_fail (ROSTER_IS_MEMBERS_VIEW (self), NULL);

  if (self->error != NULL || self->organization == NULL)
    return NULL;

  n_members = g_list_model_get_n_items (G_LIST_MODEL (self->members));
  n_matching = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  if (roster_search_filter_is_active (self->search_filter) && roster_members_view_is_loading (self))
    /* Translators: the members the search matches of those loaded so far */
    return g_strdup_printf (ngettext ("Loading… showing %u of %u member so far",
                                      "Loading… showing %u of %u members so far",
                                      n_members),
                            n_matching, n_members);

  if (roster_search_filter_is_active (self->search_filter))
    /* Translators: the members the search matches of all members */
    return g_strdup_printf (ngettext ("Showing %u of %u member", "Showing %u of %u members", n_members),
                            n_matching, n_members);

  if (roster_members_view_is_loading (self) && n_members == 0)
    return g_strdup (_("Loading…"));

  if (roster_members_view_is_loading (self))
    /* Translators: %u is how many members arrived so far */
    return g_strdup_printf (ngettext ("Loading… %u member so far",
                                      "Loading… %u members so far",
                                      n_members),
                            n_members);

  return g_strdup_printf (ngettext ("%u member", "%u members", n_members), n_members);
}
