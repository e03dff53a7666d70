/* roster-window.c: the main window. The sidebar lists the organizations,
 * the content pane the members of the one picked; the window owns the
 * actions and hands removals to its RosterRemovalController.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "roster-environment.h"
#include "roster-members-view.h"
#include "roster-removal-controller.h"
#include "roster-removed-members.h"
#include "roster-row-names.h"
#include "roster-sidebar.h"
#include "roster-tenant-switcher.h"
#include "roster-window.h"

/* Failure toasts carry a reason and what to do, so they stay longer than
 * the 5 s default. */
#define FAILURE_TOAST_TIMEOUT_S 10

struct _RosterWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *setup_page;
  GtkWidget            *setup_button;
  GtkMenuButton        *setup_tenant_button;
  GtkMenuButton        *tenant_button;
  AdwWindowTitle       *sidebar_title;
  AdwLeaflet           *leaflet;
  GtkWidget            *content_pane;
  RosterSidebar        *sidebar;
  RosterMembersView    *members_view;
  AdwWindowTitle       *content_title;
  GtkWidget            *clear_selection_button;
  GtkActionBar         *action_bar;
  GtkLabel             *status_label;

  RosterClient         *client;               /* owned, nullable: NULL without a tenant */
  GError               *environment_error;    /* owned, nullable */
  GSettings            *settings;             /* owned */
  RosterTenantSwitcher *tenant_switcher;      /* owned, nullable: without it, only the environment */
  RosterRemovedMembers *removed_members;      /* owned */
  RosterRemovalController *removal_controller;  /* owned */
  GPtrArray            *toast_titles;         /* owned: the markup of each toast shown */
  char                 *organization_to_restore;  /* owned, nullable: opened once its tenant's list loads */
  guint                 n_selected;
};

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_ENVIRONMENT_ERROR,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (RosterWindow, roster_window, ADW_TYPE_APPLICATION_WINDOW)

static GParamSpec *properties[N_PROPS];

/* The one place that decides which actions are enabled. */
static void
update_actions (RosterWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  RosterOrganization *organization = roster_members_view_get_organization (self->members_view);
  GListModel *members = roster_members_view_get_members (self->members_view);
  guint n_members = g_list_model_get_n_items (members);
  gboolean connected = self->client != NULL;
  gboolean busy = roster_removal_controller_is_busy (self->removal_controller);
  gboolean failed = roster_sidebar_get_error (self->sidebar) != NULL ||
                    roster_members_view_get_error (self->members_view) != NULL;

  gtk_widget_action_set_enabled (widget, "win.open-organization", connected);
  gtk_widget_action_set_enabled (widget, "win.remove-selected",
                                 organization != NULL && self->n_selected > 0 && !busy);
  gtk_widget_action_set_enabled (widget, "win.clear-selection", self->n_selected > 0);
  gtk_widget_action_set_enabled (widget, "win.select-all",
                                 organization != NULL && self->n_selected < n_members);
  gtk_widget_action_set_enabled (widget, "win.refresh", connected);
  gtk_widget_action_set_enabled (widget, "win.retry", connected && failed);
}

static char *
format_member_count (RosterWindow *self)
{
  return roster_members_view_dup_count_text (self->members_view);
}

/* Shows the organization and its member count in the header, or how many
 * members are selected while there is a selection. */
static void
update_title (RosterWindow *self)
{
  RosterOrganization *organization = roster_members_view_get_organization (self->members_view);
  g_autofree char *selected = NULL;
  g_autofree char *hidden = NULL;
  g_autofree char *count = NULL;
  guint n_hidden;

  gtk_widget_set_visible (self->clear_selection_button, self->n_selected > 0);
  gtk_action_bar_set_revealed (self->action_bar, organization != NULL);

  if (organization == NULL)
    {
      adw_window_title_set_title (self->content_title, "");
      adw_window_title_set_subtitle (self->content_title, "");
      return;
    }

  if (self->n_selected > 0)
    {
      /* Translators: %u is how many members are selected */
      selected = g_strdup_printf (ngettext ("%u Selected", "%u Selected", self->n_selected),
                                  self->n_selected);
      adw_window_title_set_title (self->content_title, selected);
      n_hidden = roster_members_view_get_n_hidden_selected (self->members_view);
      /* Translators: %u is how many selected members the search hides */
      hidden = g_strdup_printf (ngettext ("%u hidden by search", "%u hidden by search", n_hidden), n_hidden);
      adw_window_title_set_subtitle (self->content_title,
                                     n_hidden > 0 ? hidden : roster_organization_get_display_name (organization));
      return;
    }

  count = format_member_count (self);
  adw_window_title_set_title (self->content_title,
                              roster_organization_get_display_name (organization));
  adw_window_title_set_subtitle (self->content_title, count ? count : "");
}

static void
set_status_text (RosterWindow *self,
                 const char   *text)
{
  gtk_label_set_text (self->status_label, text);
}

/* @markup: the title, escaped, since toast titles are Pango markup on
 * libadwaita 1.2. */
static void
add_toast (RosterWindow *self,
           const char   *markup,
           guint         timeout)
{
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, timeout);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  g_ptr_array_add (self->toast_titles, g_strdup (markup));
}

/* Shows text both in a toast and in the status label, because Orca does
 * not reliably read toasts on GTK 4.8. */
static void
report (RosterWindow *self,
        const char   *text,
        gboolean      failed)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  add_toast (self, markup, failed ? FAILURE_TOAST_TIMEOUT_S : 5);
  set_status_text (self, text);
}

static void
remove_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  roster_removal_controller_ask (ROSTER_WINDOW (widget)->removal_controller);
}

static void
open_organization_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  RosterWindow *self = ROSTER_WINDOW (widget);
  const char *organization_id = g_variant_get_string (parameter, NULL);
  g_autofree char *text = NULL;

  if (roster_sidebar_select_organization (self->sidebar, organization_id))
    return;

  /* Translators: %s is an organization id, such as org_Nuv6WsOjyU53rGyQ */
  text = g_strdup_printf (_("The tenant has no organization with the ID %s."), organization_id);
  report (self, text, TRUE);
}

static void
clear_selection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RosterWindow *self = ROSTER_WINDOW (widget);

  gtk_selection_model_unselect_all (roster_members_view_get_selection_model (self->members_view));
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RosterWindow *self = ROSTER_WINDOW (widget);

  gtk_selection_model_select_all (roster_members_view_get_selection_model (self->members_view));
}

/* Refresh reloads the members shown, or the organizations when none is
 * open. */
static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RosterWindow *self = ROSTER_WINDOW (widget);

  if (roster_members_view_get_organization (self->members_view) != NULL)
    roster_members_view_reload (self->members_view);
  else
    roster_sidebar_reload (self->sidebar);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RosterWindow *self = ROSTER_WINDOW (widget);

  if (roster_sidebar_get_error (self->sidebar) != NULL)
    roster_sidebar_reload (self->sidebar);
  else if (roster_members_view_get_error (self->members_view) != NULL)
    roster_members_view_reload (self->members_view);
}

static void
back_clicked_cb (RosterWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_selected_organization_changed (RosterWindow *self)
{
  RosterOrganization *organization = roster_sidebar_get_selected_organization (self->sidebar);

  roster_members_view_load (self->members_view, organization);

  if (organization != NULL)
    {
      adw_leaflet_set_visible_child (self->leaflet, self->content_pane);
      g_settings_set_string (self->settings, "last-organization", roster_organization_get_id (organization));
    }
}

/* Asks the sidebar to open the organization of the previous run once it
 * arrives. Organization ids are unique across tenants, so on another
 * tenant nothing opens. */
static void
restore_organization (RosterWindow *self)
{
  g_autofree char *organization_id = g_steal_pointer (&self->organization_to_restore);

  if (organization_id != NULL && self->client != NULL)
    roster_sidebar_select_organization (self->sidebar, organization_id);
}

static void
on_loading_changed (RosterWindow *self)
{
  const GError *error = roster_sidebar_get_error (self->sidebar);

  if (error == NULL)
    error = roster_members_view_get_error (self->members_view);
  if (self->tenant_switcher != NULL)
    roster_tenant_switcher_handle_error (self->tenant_switcher, error);

  update_title (self);
  update_actions (self);
}

static void
on_selection_changed (RosterWindow *self)
{
  self->n_selected = roster_members_view_get_n_selected (self->members_view);

  update_title (self);
  update_actions (self);
}

static void
show_setup_page (RosterWindow *self)
{
  const GError *error = self->environment_error;
  g_autofree char *description = NULL;

  gtk_stack_set_visible_child_name (self->main_stack, "setup");
  gtk_widget_set_visible (self->setup_button, FALSE);

  if (error == NULL || g_error_matches (error, ROSTER_ENVIRONMENT_ERROR, ROSTER_ENVIRONMENT_ERROR_UNSET))
    {
      adw_status_page_set_icon_name (self->setup_page, "network-server-symbolic");
      adw_status_page_set_title (self->setup_page, _("No Tenant Configured"));
      description = g_markup_escape_text (_("Start Roster with AUTH0_DOMAIN set to the tenant’s "
                                            "domain and AUTH0_API_TOKEN set to a Management API "
                                            "token, or with AUTH0_DOMAIN, AUTH0_CLIENT_ID and "
                                            "AUTH0_CLIENT_SECRET of a machine-to-machine "
                                            "application."), -1);
    }
  else
    {
      adw_status_page_set_icon_name (self->setup_page, "dialog-warning-symbolic");
      adw_status_page_set_title (self->setup_page, _("Cannot Connect to the Tenant"));
      description = g_markup_escape_text (error->message, -1);
    }

  adw_status_page_set_description (self->setup_page, description);
}

static void
restore_window_state (RosterWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (RosterWindow *self)
{
  int width;
  int height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
roster_window_close_request (GtkWindow *window)
{
  RosterWindow *self = ROSTER_WINDOW (window);

  /* Closing would stop the removal before its next request without anyone
   * seeing which members were left, so the window stays until it ends. */
  if (roster_removal_controller_is_running (self->removal_controller))
    {
      report (self, _("Roster closes only after the removal: wait for it to finish, or press Cancel "
                      "to stop after the current request."), TRUE);
      return TRUE;
    }

  save_window_state (self);

  return GTK_WINDOW_CLASS (roster_window_parent_class)->close_request (window);
}

static void
roster_window_constructed (GObject *object)
{
  RosterWindow *self = (RosterWindow *) object;

  G_OBJECT_CLASS (roster_window_parent_class)->constructed (object);

  restore_window_state (self);

  if (self->client == NULL)
    {
      show_setup_page (self);
      update_actions (self);
      return;
    }

  gtk_stack_set_visible_child_name (self->main_stack, "browser");
  roster_sidebar_set_client (self->sidebar, self->client);
  roster_members_view_set_client (self->members_view, self->client);
  roster_removal_controller_set_client (self->removal_controller, self->client);
  roster_sidebar_reload (self->sidebar);

  update_title (self);
  update_actions (self);
}

static void
roster_window_dispose (GObject *object)
{
  RosterWindow *self = (RosterWindow *) object;

  /* The callbacks of a confirmation or removal in progress see the
   * shutdown and leave the window alone. */
  if (self->removal_controller != NULL)
    roster_removal_controller_shut_down (self->removal_controller);
  g_clear_object (&self->removal_controller);
  g_clear_object (&self->tenant_switcher);

  /* The selection outlives the template children that its handlers use. */
  if (self->members_view != NULL)
    g_signal_handlers_disconnect_by_data (roster_members_view_get_selection_model (self->members_view), self);

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_WINDOW);

  G_OBJECT_CLASS (roster_window_parent_class)->dispose (object);
}

static void
roster_window_finalize (GObject *object)
{
  RosterWindow *self = (RosterWindow *) object;

  g_clear_object (&self->client);
  g_clear_error (&self->environment_error);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->organization_to_restore, g_free);
  g_clear_object (&self->removed_members);
  g_clear_pointer (&self->toast_titles, g_ptr_array_unref);

  G_OBJECT_CLASS (roster_window_parent_class)->finalize (object);
}

static void
roster_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RosterWindow *self = ROSTER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_ENVIRONMENT_ERROR:
      self->environment_error = g_value_dup_boxed (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-organization", "s",
                                   open_organization_action);

  gtk_widget_class_install_action (widget_class, "win.remove-selected", NULL,
                                   remove_selected_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.remove-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "win.remove-selected", NULL);

  gtk_widget_class_install_action (widget_class, "win.clear-selection", NULL,
                                   clear_selection_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.clear-selection", NULL);

  gtk_widget_class_install_action (widget_class, "win.select-all", NULL, select_all_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "win.select-all", NULL);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.refresh", NULL);

  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_action);

  /* GtkWindow provides window.close; this gives it its usual shortcut. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
roster_window_class_init (RosterWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = roster_window_constructed;
  object_class->dispose = roster_window_dispose;
  object_class->finalize = roster_window_finalize;
  object_class->set_property = roster_window_set_property;

  window_class->close_request = roster_window_close_request;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         ROSTER_TYPE_CLIENT,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ENVIRONMENT_ERROR] =
    g_param_spec_boxed ("environment-error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ROSTER_TYPE_MEMBERS_VIEW);
  g_type_ensure (ROSTER_TYPE_SIDEBAR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/roster_app/Roster/roster-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, setup_page);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, setup_button);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, setup_tenant_button);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, tenant_button);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, content_pane);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, members_view);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, clear_selection_button);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, action_bar);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, status_label);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  install_actions (widget_class);
}

static void
connect_views (RosterWindow *self)
{
  GtkSelectionModel *selection = roster_members_view_get_selection_model (self->members_view);

  g_signal_connect_object (self->sidebar, "notify::selected-organization",
                           G_CALLBACK (on_selected_organization_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar, "notify::loading",
                           G_CALLBACK (on_loading_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->members_view, "notify::loading",
                           G_CALLBACK (on_loading_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (selection, "selection-changed",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (selection, "items-changed",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (selection, "notify::n-selected",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
}

/* A toast of the removal controller, recorded like the window's own. */
static void
on_removal_toast (RosterWindow            *self,
                  AdwToast                *toast,
                  RosterRemovalController *controller)
{
  g_ptr_array_add (self->toast_titles, g_strdup (adw_toast_get_title (toast)));
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

static void
on_removal_status (RosterWindow            *self,
                   const char              *text,
                   RosterRemovalController *controller)
{
  set_status_text (self, text);
}

static void
on_removal_busy_changed (RosterWindow            *self,
                         GParamSpec              *pspec,
                         RosterRemovalController *controller)
{
  update_title (self);
  update_actions (self);
}

static void
connect_removal_controller (RosterWindow *self)
{
  RosterRemovalController *controller;

  controller = roster_removal_controller_new (GTK_WINDOW (self), self->members_view, self->removed_members);
  self->removal_controller = controller;

  gtk_widget_insert_action_group (GTK_WIDGET (self), "removal",
                                  roster_removal_controller_get_action_group (controller));
  gtk_widget_insert_before (roster_removal_controller_get_progress_widget (controller),
                            gtk_widget_get_parent (GTK_WIDGET (self->action_bar)),
                            GTK_WIDGET (self->action_bar));

  /* The removal row carries the same text while it is shown, so the action
   * bar's status line steps aside instead of repeating it. */
  g_object_bind_property (roster_removal_controller_get_progress_widget (controller), "visible",
                          self->status_label, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);

  g_signal_connect_object (controller, "toast", G_CALLBACK (on_removal_toast), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "status", G_CALLBACK (on_removal_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "notify::busy", G_CALLBACK (on_removal_busy_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
roster_window_init (RosterWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  roster_row_names_attach (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  self->removed_members = roster_removed_members_new ();
  self->toast_titles = g_ptr_array_new_with_free_func (g_free);

  roster_members_view_set_removed_members (self->members_view, self->removed_members);
  connect_views (self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "members",
                                  roster_members_view_get_action_group (self->members_view));
  connect_removal_controller (self);
}

/**
 * roster_window_set_tenant_manager:
 *
 * Adds the tenant menu and the "tenant" actions, and opens the manager's
 * current or last used tenant unless the window already shows a client.
 */
void
roster_window_set_tenant_manager (RosterWindow        *self,
                                  RosterTenantManager *manager)
{
  GMenuModel *menu;

  g_return_if_fail (ROSTER_IS_WINDOW (self));
  g_return_if_fail (ROSTER_IS_TENANT_MANAGER (manager));
  g_return_if_fail (self->tenant_switcher == NULL);

  self->tenant_switcher = roster_tenant_switcher_new (self, manager, self->client);
  menu = roster_tenant_switcher_get_menu (self->tenant_switcher);

  gtk_menu_button_set_menu_model (self->tenant_button, menu);
  gtk_menu_button_set_menu_model (self->setup_tenant_button, menu);
  gtk_widget_set_visible (GTK_WIDGET (self->tenant_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->setup_tenant_button), TRUE);
}

/**
 * roster_window_set_client:
 * @client: (nullable): the tenant to browse, or %NULL to browse none
 *
 * Shows the organizations of another tenant. A confirmation on screen is
 * cancelled, so it cannot act on the new tenant.
 */
void
roster_window_set_client (RosterWindow *self,
                          RosterClient *client)
{
  g_return_if_fail (ROSTER_IS_WINDOW (self));
  g_return_if_fail (client == NULL || ROSTER_IS_CLIENT (client));

  roster_removal_controller_close_dialog (self->removal_controller);

  g_set_object (&self->client, client);
  g_clear_error (&self->environment_error);
  roster_members_view_load (self->members_view, NULL);
  roster_sidebar_set_client (self->sidebar, client);
  roster_members_view_set_client (self->members_view, client);
  roster_removal_controller_set_client (self->removal_controller, client);

  if (client == NULL)
    show_setup_page (self);
  else
    {
      gtk_stack_set_visible_child_name (self->main_stack, "browser");
      roster_sidebar_reload (self->sidebar);
      restore_organization (self);
    }

  update_title (self);
  update_actions (self);
}

/**
 * roster_window_restore_organization:
 * @organization_id: the organization open when Roster last closed
 *
 * Opens @organization_id when the organizations of the current tenant, or
 * of the next one set, include it. Later tenant switches open nothing.
 */
void
roster_window_restore_organization (RosterWindow *self,
                                    const char   *organization_id)
{
  g_return_if_fail (ROSTER_IS_WINDOW (self));
  g_return_if_fail (organization_id != NULL);

  if (*organization_id == '\0')
    return;

  g_free (self->organization_to_restore);
  self->organization_to_restore = g_strdup (organization_id);

  if (roster_sidebar_is_loading (self->sidebar))
    restore_organization (self);
}

/**
 * roster_window_show_status:
 * @description: plain text, not markup
 * @button_label: (nullable): a label with a mnemonic, or %NULL for no button
 * @detailed_action: (nullable): the button's detailed action name
 *
 * Shows a full-window state in place of the organizations, such as "No
 * Tenants" or an expired token, with at most one button.
 */
void
roster_window_show_status (RosterWindow *self,
                           const char   *icon_name,
                           const char   *title,
                           const char   *description,
                           const char   *button_label,
                           const char   *detailed_action)
{
  g_autofree char *markup = NULL;
  g_autofree char *action_name = NULL;
  g_autoptr(GVariant) target = NULL;

  g_return_if_fail (ROSTER_IS_WINDOW (self));
  g_return_if_fail (title != NULL);
  g_return_if_fail (description != NULL);

  markup = g_markup_escape_text (description, -1);
  gtk_stack_set_visible_child_name (self->main_stack, "setup");
  adw_status_page_set_icon_name (self->setup_page, icon_name);
  adw_status_page_set_title (self->setup_page, title);
  adw_status_page_set_description (self->setup_page, markup);

  gtk_widget_set_visible (self->setup_button, button_label != NULL);
  if (button_label == NULL)
    return;

  gtk_button_set_label (GTK_BUTTON (self->setup_button), button_label);

  /* The target goes in before the name: GTK warns about an action whose
   * parameter type does not match the target it has meanwhile. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->setup_button), NULL);
  if (detailed_action == NULL ||
      !g_action_parse_detailed_name (detailed_action, &action_name, &target, NULL))
    return;

  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->setup_button), target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->setup_button), action_name);
}

/* @title (nullable): the tenant's label or domain, shown under
 * "Organizations". */
void
roster_window_set_tenant_title (RosterWindow *self,
                                const char   *title)
{
  g_return_if_fail (ROSTER_IS_WINDOW (self));

  adw_window_title_set_subtitle (self->sidebar_title, title != NULL ? title : "");
}

RosterWindow *
roster_window_new (GtkApplication *application,
                   RosterClient   *client,
                   const GError   *environment_error)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (client == NULL || ROSTER_IS_CLIENT (client), NULL);

  return g_object_new (ROSTER_TYPE_WINDOW,
                       "application", application,
                       "client", client,
                       "environment-error", environment_error,
                       NULL);
}

/**
 * roster_window_get_members_selection:
 *
 * Test accessor. Returns: (transfer none): the selection over the members
 */
GtkSelectionModel *
roster_window_get_members_selection (RosterWindow *self)
{
  g_return_val_if_fail (ROSTER_IS_WINDOW (self), NULL);

  return roster_members_view_get_selection_model (self->members_view);
}

/**
 * roster_window_get_members:
 *
 * Test accessor. Returns: (transfer none): the members listed (RosterMember)
 */
GListModel *
roster_window_get_members (RosterWindow *self)
{
  g_return_val_if_fail (ROSTER_IS_WINDOW (self), NULL);

  return roster_members_view_get_members (self->members_view);
}

/**
 * roster_window_get_organizations:
 *
 * Test accessor. Returns: (transfer none): the organizations listed
 *   (RosterOrganization)
 */
GListModel *
roster_window_get_organizations (RosterWindow *self)
{
  g_return_val_if_fail (ROSTER_IS_WINDOW (self), NULL);

  return roster_sidebar_get_organizations (self->sidebar);
}

/**
 * roster_window_is_loading:
 *
 * Test accessor. Returns: whether organizations or members are loading or
 *   a removal is running
 */
gboolean
roster_window_is_loading (RosterWindow *self)
{
  g_return_val_if_fail (ROSTER_IS_WINDOW (self), FALSE);

  return roster_sidebar_is_loading (self->sidebar) ||
         roster_members_view_is_loading (self->members_view) ||
         roster_removal_controller_is_running (self->removal_controller);
}

/**
 * roster_window_get_toast_titles:
 *
 * Test accessor. Returns: (transfer full): the markup of every toast shown
 *   since the window opened or roster_window_clear_toast_titles(), oldest
 *   first
 */
GStrv
roster_window_get_toast_titles (RosterWindow *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  g_return_val_if_fail (ROSTER_IS_WINDOW (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->toast_titles->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->toast_titles, i));

  return g_strv_builder_end (builder);
}

/* Test accessor: clears the list of toast titles shown so far. */
void
roster_window_clear_toast_titles (RosterWindow *self)
{
  g_return_if_fail (ROSTER_IS_WINDOW (self));

  g_ptr_array_set_size (self->toast_titles, 0);
}

/**
 * roster_window_get_status_text:
 *
 * Test accessor. Returns: (transfer none): the status line under the
 *   members, which keeps the latest outcome
 */
const char *
roster_window_get_status_text (RosterWindow *self)
{
  g_return_val_if_fail (ROSTER_IS_WINDOW (self), NULL);

  return gtk_label_get_text (self->status_label);
}

/**
 * roster_window_get_message_dialog:
 *
 * Test accessor. Returns: (transfer none) (nullable): the confirmation
 *   dialog on screen
 */
AdwMessageDialog *
roster_window_get_message_dialog (RosterWindow *self)
{
  g_return_val_if_fail (ROSTER_IS_WINDOW (self), NULL);

  return roster_removal_controller_get_dialog (self->removal_controller);
}

/**
 * roster_window_get_removal_controller:
 *
 * Test accessor. Returns: (transfer none): the controller of removals
 */
RosterRemovalController *
roster_window_get_removal_controller (RosterWindow *self)
{
  g_return_val_if_fail (ROSTER_IS_WINDOW (self), NULL);

  return self->removal_controller;
}
