/* roster-sidebar.c: the list of the tenant's organizations, with its
 * loading, empty and failed states.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "roster-error-text.h"
#include "roster-search-filter.h"
#include "roster-search-key.h"
#include "roster-sidebar.h"

/* The scope GET /api/v2/organizations requires. */
#define LIST_ORGANIZATIONS_SCOPE "read:organizations"

struct _RosterSidebar
{
  GtkWidget           parent_instance;

  /* Template children */
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  AdwStatusPage      *error_page;
  GtkSingleSelection *selection;

  RosterClient       *client;             /* owned, nullable */
  GListStore         *organizations;      /* owned: what the list shows */
  RosterSearchFilter *search_filter;      /* owned */
  GtkFilterListModel *filtered;           /* owned: @organizations that match the search */
  RosterOrganization *selected;           /* owned, nullable: stays while the search hides it */
  GListStore         *staging;            /* owned, nullable: pages of the load in progress */
  GCancellable       *cancellable;        /* owned, nullable: the load in progress */
  GError             *error;              /* owned, nullable: why the last load failed */
  char               *pending_id;         /* owned, nullable: to select once it arrives */
  guint               spinner_timeout_id;
  gboolean            spinner_due;
};

enum {
  PROP_0,
  PROP_LOADING,
  PROP_SELECTED_ORGANIZATION,
  PROP_SEARCH_MODE_ENABLED,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (RosterSidebar, roster_sidebar, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static void
update_page (RosterSidebar *self)
{
  const char *page;

  g_assert (ROSTER_IS_SIDEBAR (self));

  if (self->error != NULL)
    page = "error";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0 &&
           g_list_model_get_n_items (G_LIST_MODEL (self->organizations)) > 0)
    page = "no-results";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->organizations)) > 0)
    page = "list";
  else if (self->cancellable != NULL)
    page = self->spinner_due ? "loading" : "blank";
  else if (self->client == NULL)
    page = "blank";
  else
    page = "empty";

  gtk_stack_set_visible_child_name (self->stack, page);
}

static guint
find_organization (GListModel *model,
                   guint       start,
                   guint       end,
                   const char *organization_id)
{
  for (guint i = start; i < end; i++)
    {
      g_autoptr(RosterOrganization) organization = g_list_model_get_item (model, i);

      if (g_strcmp0 (roster_organization_get_id (organization), organization_id) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
set_selected (RosterSidebar      *self,
              RosterOrganization *organization)
{
  if (g_set_object (&self->selected, organization))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ORGANIZATION]);
}

static void
clear_search (RosterSidebar *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  roster_search_filter_set_query (self->search_filter, "");
}

/* Selects the organization at @position of the whole list, clearing a
 * search that hides it. */
static void
select_position (RosterSidebar *self,
                 guint          position)
{
  g_autoptr(RosterOrganization) organization = NULL;
  GListModel *shown = G_LIST_MODEL (self->filtered);

  organization = g_list_model_get_item (G_LIST_MODEL (self->organizations), position);
  if (!gtk_filter_match (GTK_FILTER (self->search_filter), organization))
    clear_search (self);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(RosterOrganization) item = g_list_model_get_item (shown, i);

      if (item == organization)
        {
          gtk_single_selection_set_selected (self->selection, i);
          break;
        }
    }

  set_selected (self, organization);
}

/* Selects the organization requested before the list contained it. */
static void
select_pending (RosterSidebar *self,
                guint          start,
                guint          end)
{
  guint position;

  g_assert (ROSTER_IS_SIDEBAR (self));

  if (self->pending_id == NULL)
    return;

  position = find_organization (G_LIST_MODEL (self->organizations), start, end, self->pending_id);
  if (position == GTK_INVALID_LIST_POSITION)
    return;

  g_clear_pointer (&self->pending_id, g_free);
  select_position (self, position);
}

/* Copies each page from the staging store as the client appends it, so
 * that a cancelled load can never add rows to the list. */
static void
on_staging_items_changed (GListModel    *staging,
                          guint          position,
                          guint          removed,
                          guint          added,
                          RosterSidebar *self)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_before = g_list_model_get_n_items (G_LIST_MODEL (self->organizations));

  for (guint i = position; i < position + added; i++)
    g_ptr_array_add (page, g_list_model_get_item (staging, i));

  g_list_store_splice (self->organizations, n_before, 0, page->pdata, page->len);

  select_pending (self, n_before, n_before + page->len);
  update_page (self);
}

static gboolean
on_spinner_timeout (gpointer user_data)
{
  RosterSidebar *self = user_data;

  self->spinner_timeout_id = 0;
  self->spinner_due = TRUE;
  update_page (self);

  return G_SOURCE_REMOVE;
}

static void
stop_loading (RosterSidebar *self)
{
  g_assert (ROSTER_IS_SIDEBAR (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->spinner_timeout_id, g_source_remove);
  self->spinner_due = FALSE;

  if (self->staging != NULL)
    g_signal_handlers_disconnect_by_func (self->staging, on_staging_items_changed, self);
  g_clear_object (&self->staging);
}

static void
show_error (RosterSidebar *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;

  text = roster_error_text_describe (self->error, LIST_ORGANIZATIONS_SCOPE, now);
  markup = g_markup_escape_text (text, -1);
  adw_status_page_set_description (self->error_page, markup);
}

static void
on_organizations_listed (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  RosterSidebar *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!roster_client_list_organizations_finish (ROSTER_CLIENT (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  stop_loading (self);
  g_clear_pointer (&self->pending_id, g_free);

  if (error != NULL)
    {
      g_debug ("Listing organizations failed: %s", error->message);
      self->error = g_steal_pointer (&error);
      show_error (self);
    }

  update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* A search that hides the open organization empties the list's selection
 * but leaves the organization open. When the search shows it again, its row
 * is selected again. */
static void
on_selected_item_changed (RosterSidebar *self)
{
  RosterOrganization *item = gtk_single_selection_get_selected_item (self->selection);

  if (item == NULL && self->selected != NULL &&
      !gtk_filter_match (GTK_FILTER (self->search_filter), self->selected))
    return;

  set_selected (self, item);
}

static void
on_filtered_items_changed (GListModel    *model,
                           guint          position,
                           guint          removed,
                           guint          added,
                           RosterSidebar *self)
{
  if (self->selected != NULL &&
      gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    {
      for (guint i = position; i < position + added; i++)
        {
          g_autoptr(RosterOrganization) item = g_list_model_get_item (model, i);

          if (item == self->selected)
            {
              gtk_single_selection_set_selected (self->selection, i);
              break;
            }
        }
    }

  update_page (self);
}

static void
search_changed_cb (RosterSidebar *self)
{
  roster_search_filter_set_query (self->search_filter,
                                  gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  update_page (self);
}

static void
on_search_mode_changed (RosterSidebar *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE_ENABLED]);
}

static gboolean
start_search_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  RosterSidebar *self = ROSTER_SIDEBAR (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));

  return TRUE;
}

/* Ctrl+F while the focus is in the sidebar searches organizations; the
 * members view takes it everywhere else. */
static void
add_search_shortcut (RosterSidebar *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcut *shortcut;

  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                               gtk_callback_action_new (start_search_cb, NULL, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
roster_sidebar_dispose (GObject *object)
{
  RosterSidebar *self = (RosterSidebar *) object;

  stop_loading (self);

  if (self->filtered != NULL)
    g_signal_handlers_disconnect_by_data (self->filtered, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_SIDEBAR);

  G_OBJECT_CLASS (roster_sidebar_parent_class)->dispose (object);
}

static void
roster_sidebar_finalize (GObject *object)
{
  RosterSidebar *self = (RosterSidebar *) object;

  g_clear_object (&self->client);
  g_clear_object (&self->selected);
  g_clear_object (&self->filtered);
  g_clear_object (&self->search_filter);
  g_clear_object (&self->organizations);
  g_clear_error (&self->error);
  g_clear_pointer (&self->pending_id, g_free);

  G_OBJECT_CLASS (roster_sidebar_parent_class)->finalize (object);
}

static void
roster_sidebar_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RosterSidebar *self = ROSTER_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, roster_sidebar_is_loading (self));
      break;

    case PROP_SELECTED_ORGANIZATION:
      g_value_set_object (value, roster_sidebar_get_selected_organization (self));
      break;

    case PROP_SEARCH_MODE_ENABLED:
      g_value_set_boolean (value, gtk_search_bar_get_search_mode (self->search_bar));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_sidebar_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RosterSidebar *self = ROSTER_SIDEBAR (object);

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
roster_sidebar_class_init (RosterSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_sidebar_dispose;
  object_class->finalize = roster_sidebar_finalize;
  object_class->get_property = roster_sidebar_get_property;
  object_class->set_property = roster_sidebar_set_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SELECTED_ORGANIZATION] =
    g_param_spec_object ("selected-organization", NULL, NULL,
                         ROSTER_TYPE_ORGANIZATION,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Whether the search bar shows, for the toggle button in the header bar. */
  properties[PROP_SEARCH_MODE_ENABLED] =
    g_param_spec_boolean ("search-mode-enabled", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The list item template looks its properties up by type name. */
  g_type_ensure (ROSTER_TYPE_ORGANIZATION);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/roster_app/Roster/roster-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterSidebar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, RosterSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RosterSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, RosterSidebar, error_page);
  gtk_widget_class_bind_template_child (widget_class, RosterSidebar, selection);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
}

static void
roster_sidebar_init (RosterSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->organizations = g_list_store_new (ROSTER_TYPE_ORGANIZATION);
  self->search_filter = roster_search_filter_new ((RosterSearchKeyFunc) roster_search_key_for_organization);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->organizations)),
                                              g_object_ref (GTK_FILTER (self->search_filter)));
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->filtered));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selected_item_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self->filtered, "items-changed", G_CALLBACK (on_filtered_items_changed), self);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (on_search_mode_changed), self, G_CONNECT_SWAPPED);

  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  add_search_shortcut (self);

  update_page (self);
}

void
roster_sidebar_set_client (RosterSidebar *self,
                           RosterClient  *client)
{
  g_return_if_fail (ROSTER_IS_SIDEBAR (self));
  g_return_if_fail (client == NULL || ROSTER_IS_CLIENT (client));

  g_set_object (&self->client, client);
}

/**
 * roster_sidebar_reload:
 *
 * Cancels any load in progress, empties the list and lists the tenant's
 * organizations again, page by page.
 */
void
roster_sidebar_reload (RosterSidebar *self)
{
  g_return_if_fail (ROSTER_IS_SIDEBAR (self));
  g_return_if_fail (self->client != NULL);

  stop_loading (self);
  g_clear_error (&self->error);
  g_list_store_remove_all (self->organizations);
  set_selected (self, NULL);

  self->cancellable = g_cancellable_new ();
  self->staging = g_list_store_new (ROSTER_TYPE_ORGANIZATION);
  g_signal_connect (self->staging, "items-changed",
                    G_CALLBACK (on_staging_items_changed), self);
  self->spinner_timeout_id = g_timeout_add (ROSTER_SPINNER_DELAY_MS, on_spinner_timeout, self);

  roster_client_list_organizations_async (self->client, self->staging, self->cancellable,
                                          on_organizations_listed, self);

  update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/**
 * roster_sidebar_get_organizations:
 *
 * Returns: (transfer none): the listed organizations (RosterOrganization)
 */
GListModel *
roster_sidebar_get_organizations (RosterSidebar *self)
{
  g_return_val_if_fail (ROSTER_IS_SIDEBAR (self), NULL);

  return G_LIST_MODEL (self->organizations);
}

/**
 * roster_sidebar_get_selected_organization:
 *
 * Returns: (transfer none) (nullable): the organization picked in the list
 */
RosterOrganization *
roster_sidebar_get_selected_organization (RosterSidebar *self)
{
  g_return_val_if_fail (ROSTER_IS_SIDEBAR (self), NULL);

  return self->selected;
}

/**
 * roster_sidebar_select_organization:
 *
 * Selects the organization with @organization_id. While the list still
 * loads, an organization that has not arrived yet is selected when it does.
 *
 * Returns: %FALSE when the loaded list has no such organization
 */
gboolean
roster_sidebar_select_organization (RosterSidebar *self,
                                    const char    *organization_id)
{
  GListModel *model;
  guint position;

  g_return_val_if_fail (ROSTER_IS_SIDEBAR (self), FALSE);
  g_return_val_if_fail (organization_id != NULL, FALSE);

  model = G_LIST_MODEL (self->organizations);
  position = find_organization (model, 0, g_list_model_get_n_items (model), organization_id);
  if (position != GTK_INVALID_LIST_POSITION)
    {
      g_clear_pointer (&self->pending_id, g_free);
      select_position (self, position);
      return TRUE;
    }

  if (!roster_sidebar_is_loading (self))
    return FALSE;

  g_free (self->pending_id);
  self->pending_id = g_strdup (organization_id);

  return TRUE;
}

gboolean
roster_sidebar_is_loading (RosterSidebar *self)
{
  g_return_val_if_fail (ROSTER_IS_SIDEBAR (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * roster_sidebar_get_error:
 *
 * Returns: (transfer none) (nullable): why the last load failed
 */
const GError *
roster_sidebar_get_error (RosterSidebar *self)
{
  g_return_val_if_fail (ROSTER_IS_SIDEBAR (self), NULL);

  return self->error;
}

/**
 * roster_sidebar_set_search_text:
 *
 * Shows the search bar with @text and filters at once, without the delay
 * the search entry waits for while the user types.
 */
void
roster_sidebar_set_search_text (RosterSidebar *self,
                                const char    *text)
{
  g_return_if_fail (ROSTER_IS_SIDEBAR (self));
  g_return_if_fail (text != NULL);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  roster_search_filter_set_query (self->search_filter, text);
  update_page (self);
}

/**
 * roster_sidebar_get_matching_organizations:
 *
 * Returns: (transfer none): the organizations the search leaves in the
 *   list (RosterOrganization)
 */
GListModel *
roster_sidebar_get_matching_organizations (RosterSidebar *self)
{
  g_return_val_if_fail (ROSTER_IS_SIDEBAR (self), NULL);

  return G_LIST_MODEL (self->filtered);
}
