/* roster-tenant-switcher.c: the window's tenant actions. It opens the
 * tenant picked, hands its client to the window, and runs the dialogs that
 * add, edit and remove tenants.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "roster-tenant-dialog.h"
#include "roster-tenant-switcher.h"
#include "roster-window.h"

#define RESPONSE_CANCEL "cancel"
#define RESPONSE_REMOVE "remove"

struct _RosterTenantSwitcher
{
  GObject               parent_instance;

  RosterWindow         *window;            /* unowned: the window owns the switcher */
  RosterTenantManager  *manager;           /* owned */
  GSimpleActionGroup   *actions;           /* owned */
  GMenu                *menu;              /* owned */
  GMenu                *tenants_section;   /* owned */
  RosterClient         *shown_client;      /* owned, nullable: the client the window shows */
  char                 *picked_id;         /* owned, nullable: the tenant last picked */
  GCancellable         *cancellable;       /* owned: cancelled in dispose */
  AdwMessageDialog     *confirmation;      /* unowned, nullable: on screen */
  guint                 expiry_source_id;
};

G_DEFINE_FINAL_TYPE (RosterTenantSwitcher, roster_tenant_switcher, G_TYPE_OBJECT)

static void open_tenant     (RosterTenantSwitcher *self,
                             const char           *tenant_id);
static void open_any_tenant (RosterTenantSwitcher *self);

static void
update_actions (RosterTenantSwitcher *self)
{
  gboolean picked = self->picked_id != NULL &&
                    roster_tenant_manager_find (self->manager, self->picked_id) != NULL;
  GAction *action;

  /* Editing a tenant kept for this run asks for its secret again and saves
   * it like a new one. */
  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "edit");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), picked);

  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "remove");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), picked && self->confirmation == NULL);

  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "switch");
  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_string (self->picked_id != NULL ? self->picked_id : ""));
}

static void
rebuild_menu (RosterTenantSwitcher *self)
{
  GListModel *tenants = roster_tenant_manager_get_tenants (self->manager);
  guint n_tenants = g_list_model_get_n_items (tenants);

  g_menu_remove_all (self->tenants_section);

  for (guint i = 0; i < n_tenants; i++)
    {
      g_autoptr(RosterTenantConfig) tenant = g_list_model_get_item (tenants, i);
      g_autoptr(GMenuItem) item = NULL;

      item = g_menu_item_new (roster_tenant_config_get_title (tenant), NULL);
      g_menu_item_set_action_and_target_value (item, "tenant.switch",
                                               g_variant_new_string (roster_tenant_config_get_id (tenant)));
      g_menu_append_item (self->tenants_section, item);
    }

  update_actions (self);
}

static void
show_no_tenants (RosterTenantSwitcher *self)
{
  roster_window_set_client (self->window, NULL);
  roster_window_set_tenant_title (self->window, NULL);
  roster_window_show_status (self->window, "network-server-symbolic", _("No Tenants"),
                             _("Add an Auth0 tenant to review the members of its organizations."),
                             _("_Add Tenant…"), "tenant.add");
}

static void
show_client (RosterTenantSwitcher *self,
             RosterClient         *client)
{
  RosterTenantConfig *current = roster_tenant_manager_get_current (self->manager);

  roster_window_set_tenant_title (self->window,
                                  current != NULL ? roster_tenant_config_get_title (current) : NULL);

  if (client == self->shown_client)
    return;

  g_set_object (&self->shown_client, client);
  roster_window_set_client (self->window, client);
}

static gboolean
on_token_expired (gpointer user_data)
{
  RosterTenantSwitcher *self = user_data;
  RosterTenantConfig *tenant = roster_tenant_manager_get_current (self->manager);
  g_autofree char *text = NULL;

  self->expiry_source_id = 0;

  /* Translators: %s is a tenant's label or domain */
  text = g_strdup_printf (_("The access token of %s has expired, and a pasted token cannot be "
                            "renewed. Paste a new one to continue."),
                          tenant != NULL ? roster_tenant_config_get_title (tenant) : "");

  g_clear_object (&self->shown_client);
  roster_window_set_client (self->window, NULL);
  roster_window_show_status (self->window, "dialog-warning-symbolic", _("Token Expired"), text,
                             _("_Paste New Token…"), "tenant.edit");

  return G_SOURCE_REMOVE;
}

/* A pasted token cannot be renewed, so when it expires the view prompts
 * for a new one instead of letting every request fail with 401. */
static void
watch_token_expiry (RosterTenantSwitcher *self,
                    const char           *tenant_id)
{
  gint64 expires_at = roster_tenant_manager_get_token_expiry (self->manager, tenant_id);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_clear_handle_id (&self->expiry_source_id, g_source_remove);

  if (expires_at == 0)
    return;

  self->expiry_source_id = g_timeout_add_seconds ((guint) CLAMP (expires_at - now, 0, G_MAXINT),
                                                  on_token_expired, self);
}

static void
show_open_error (RosterTenantSwitcher *self,
                 const GError         *error)
{
  gboolean edit = g_error_matches (error, ROSTER_TENANT_MANAGER_ERROR, ROSTER_TENANT_MANAGER_ERROR_NO_SECRET) ||
                  g_error_matches (error, ROSTER_TENANT_MANAGER_ERROR, ROSTER_TENANT_MANAGER_ERROR_TOKEN_EXPIRED) ||
                  g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_ARGUMENT);
  g_autofree char *retry = NULL;
  g_autofree char *text = NULL;

  g_clear_object (&self->shown_client);
  roster_window_set_client (self->window, NULL);

  if (edit)
    {
      roster_window_show_status (self->window, "dialog-warning-symbolic", _("Cannot Open the Tenant"),
                                 error->message, _("_Edit Tenant…"), "tenant.edit");
      return;
    }

  /* Anything else comes from the keyring. */
  retry = g_strdup_printf ("tenant.switch('%s')", self->picked_id);
  /* Translators: %s is the keyring's reason */
  text = g_strdup_printf (_("The keyring is unavailable: %s. Roster keeps secrets only in the "
                            "keyring. Unlock it and try again, or add the tenant again to use it "
                            "until Roster quits."),
                          error->message);
  roster_window_show_status (self->window, "dialog-password-symbolic", _("Keyring Unavailable"),
                             text, _("_Try Again"), retry);
}

static void
on_tenant_opened (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  RosterTenantSwitcher *self = user_data;
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = roster_tenant_manager_open_finish (ROSTER_TENANT_MANAGER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;


  if (g_error_matches (error, ROSTER_TENANT_MANAGER_ERROR, ROSTER_TENANT_MANAGER_ERROR_NOT_FOUND))
    {
      g_debug ("Tenant %s no longer exists", self->picked_id);
      open_any_tenant (self);
      return;
    }

  if (client == NULL)
    {
      g_debug ("Could not open tenant %s: %s", self->picked_id, error->message);
      show_open_error (self, error);
      update_actions (self);
      return;
    }

  show_client (self, client);
  watch_token_expiry (self, self->picked_id);
  update_actions (self);
}

static void
open_tenant (RosterTenantSwitcher *self,
             const char           *tenant_id)
{
  g_free (self->picked_id);
  self->picked_id = g_strdup (tenant_id);
  update_actions (self);

  roster_tenant_manager_open_async (self->manager, tenant_id, self->cancellable,
                                    on_tenant_opened, self);
}

/* Opens the first tenant left, or shows that there is none. */
static void
open_any_tenant (RosterTenantSwitcher *self)
{
  GListModel *tenants = roster_tenant_manager_get_tenants (self->manager);
  g_autoptr(RosterTenantConfig) first = g_list_model_get_item (tenants, 0);

  g_clear_pointer (&self->picked_id, g_free);
  g_clear_handle_id (&self->expiry_source_id, g_source_remove);

  if (first == NULL)
    {
      g_clear_object (&self->shown_client);
      show_no_tenants (self);
      update_actions (self);
      return;
    }

  open_tenant (self, roster_tenant_config_get_id (first));
}

static void
on_dialog_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RosterTenantSwitcher *self = user_data;
  g_autofree char *tenant_id = NULL;
  g_autoptr(GError) error = NULL;

  /* Closed by the person, or destroyed because the switcher is disposed:
   * either way self must not be touched. */
  tenant_id = roster_tenant_dialog_run_finish (ROSTER_TENANT_DIALOG (object), result, &error);
  if (tenant_id == NULL)
    return;

  /* An edited tenant gets the client the dialog checked. */
  g_clear_object (&self->shown_client);
  open_tenant (self, tenant_id);
}

static void
run_dialog (RosterTenantSwitcher *self,
            RosterTenantConfig   *tenant,
            const char           *message)
{
  RosterTenantDialog *dialog = roster_tenant_dialog_new (GTK_WINDOW (self->window), self->manager, tenant);

  if (message != NULL)
    roster_tenant_dialog_show_message (dialog, message);

  /* Disposing the switcher cancels, which destroys the dialog. */
  roster_tenant_dialog_run_async (dialog, self->cancellable, on_dialog_done, self);
}

static void
add_activated (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  run_dialog (user_data, NULL, NULL);
}

static void
edit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  RosterTenantSwitcher *self = user_data;
  RosterTenantConfig *tenant;
  const char *message = NULL;
  gint64 expires_at;

  if (self->picked_id == NULL)
    return;

  tenant = roster_tenant_manager_find (self->manager, self->picked_id);
  if (tenant == NULL)
    return;

  expires_at = roster_tenant_manager_get_token_expiry (self->manager, self->picked_id);
  if (expires_at != 0 && expires_at <= g_get_real_time () / G_USEC_PER_SEC)
    message = _("The access token has expired. Paste a new one.");

  run_dialog (self, tenant, message);
}

static void
switch_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  open_tenant (user_data, g_variant_get_string (parameter, NULL));
}

static void
on_tenant_removed (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  RosterTenantSwitcher *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!roster_tenant_manager_remove_finish (ROSTER_TENANT_MANAGER (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* Translators: %s is the keyring's reason */
      text = g_strdup_printf (_("The tenant was not removed because the keyring could not delete "
                                "its secret: %s"),
                              error->message);
      roster_window_show_status (self->window, "dialog-password-symbolic", _("Keyring Unavailable"),
                                 text, NULL, NULL);
      return;
    }

  /* The tenant the window showed, or failed to open, is gone. */
  if (self->picked_id == NULL || roster_tenant_manager_find (self->manager, self->picked_id) == NULL)
    open_any_tenant (self);
  else
    update_actions (self);
}

static void
on_remove_response (AdwMessageDialog     *dialog,
                    const char           *response,
                    RosterTenantSwitcher *self)
{
  g_autofree char *tenant_id = g_strdup (g_object_get_data (G_OBJECT (dialog), "tenant-id"));

  g_clear_weak_pointer (&self->confirmation);
  update_actions (self);

  if (g_strcmp0 (response, RESPONSE_REMOVE) != 0)
    return;

  roster_tenant_manager_remove_async (self->manager, tenant_id, self->cancellable,
                                      on_tenant_removed, self);
}

static void
remove_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  RosterTenantSwitcher *self = user_data;
  RosterTenantConfig *tenant;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->picked_id == NULL || self->confirmation != NULL)
    return;

  tenant = roster_tenant_manager_find (self->manager, self->picked_id);
  if (tenant == NULL)
    return;

  /* Translators: %s is a tenant's label or domain */
  heading = g_strdup_printf (_("Remove Tenant “%s”?"), roster_tenant_config_get_title (tenant));
  /* A tenant kept for this run, such as the environment's, has nothing in
   * the keyring to delete. */
  dialog = adw_message_dialog_new (GTK_WINDOW (self->window), heading,
                                   roster_tenant_manager_is_saved (self->manager, self->picked_id)
                                   ? _("Roster forgets the tenant and deletes its secret from the "
                                       "keyring. Nothing changes in Auth0.")
                                   : _("Roster forgets the tenant for the rest of this run. Nothing "
                                       "was saved for it, and nothing changes in Auth0."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    RESPONSE_CANCEL, _("_Cancel"),
                                    /* Translators: a button that makes Roster forget a tenant */
                                    RESPONSE_REMOVE, C_("tenant", "_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), RESPONSE_REMOVE,
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), RESPONSE_CANCEL);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), RESPONSE_CANCEL);
  g_object_set_data_full (G_OBJECT (dialog), "tenant-id", g_strdup (self->picked_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);

  g_set_weak_pointer (&self->confirmation, ADW_MESSAGE_DIALOG (dialog));
  update_actions (self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static const GActionEntry action_entries[] = {
  { "add", add_activated },
  { "edit", edit_activated },
  { "remove", remove_activated },
  { "switch", switch_activated, "s", "''" },
};

static void
roster_tenant_switcher_dispose (GObject *object)
{
  RosterTenantSwitcher *self = (RosterTenantSwitcher *) object;

  /* Callbacks see the cancellation and leave self alone. */
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->expiry_source_id, g_source_remove);
  if (self->confirmation != NULL)
    gtk_window_destroy (GTK_WINDOW (self->confirmation));
  g_clear_weak_pointer (&self->confirmation);
  g_clear_object (&self->shown_client);

  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (roster_tenant_manager_get_tenants (self->manager), self);

  G_OBJECT_CLASS (roster_tenant_switcher_parent_class)->dispose (object);
}

static void
roster_tenant_switcher_finalize (GObject *object)
{
  RosterTenantSwitcher *self = (RosterTenantSwitcher *) object;

  g_clear_object (&self->manager);
  g_clear_object (&self->actions);
  g_clear_object (&self->menu);
  g_clear_object (&self->tenants_section);
  g_clear_pointer (&self->picked_id, g_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (roster_tenant_switcher_parent_class)->finalize (object);
}

static void
roster_tenant_switcher_class_init (RosterTenantSwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = roster_tenant_switcher_dispose;
  object_class->finalize = roster_tenant_switcher_finalize;
}

static void
build_menu (RosterTenantSwitcher *self)
{
  g_autoptr(GMenu) actions = g_menu_new ();

  self->menu = g_menu_new ();
  self->tenants_section = g_menu_new ();

  g_menu_append (actions, _("_Add Tenant…"), "tenant.add");
  g_menu_append (actions, _("_Edit Tenant…"), "tenant.edit");
  g_menu_append (actions, _("_Remove Tenant…"), "tenant.remove");

  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (self->tenants_section));
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (actions));
}

static void
roster_tenant_switcher_init (RosterTenantSwitcher *self)
{
  self->cancellable = g_cancellable_new ();
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), action_entries,
                                   G_N_ELEMENTS (action_entries), self);
  build_menu (self);
}

/* Picks what to show first: the tenant the window already shows, else the
 * current or last used tenant, else the first one. */
static void
open_first (RosterTenantSwitcher *self,
            RosterClient         *shown_client)
{
  RosterTenantConfig *current = roster_tenant_manager_get_current (self->manager);
  const char *last_id = roster_tenant_manager_get_last_tenant_id (self->manager);

  if (shown_client != NULL)
    g_set_object (&self->shown_client, shown_client);

  if (current != NULL)
    open_tenant (self, roster_tenant_config_get_id (current));
  else if (shown_client != NULL)
    roster_window_set_tenant_title (self->window, NULL);
  else if (last_id != NULL)
    open_tenant (self, last_id);
  else
    open_any_tenant (self);
}

/**
 * roster_tenant_switcher_new:
 * @window: the window to install the actions on
 * @manager: the tenants
 * @shown_client: (nullable): the client @window was created with
 *
 * Returns: (transfer full): a switcher for @window, which must own it
 */
RosterTenantSwitcher *
roster_tenant_switcher_new (RosterWindow        *window,
                            RosterTenantManager *manager,
                            RosterClient        *shown_client)
{
  RosterTenantSwitcher *self;

  g_return_val_if_fail (ROSTER_IS_WINDOW (window), NULL);
  g_return_val_if_fail (ROSTER_IS_TENANT_MANAGER (manager), NULL);
  g_return_val_if_fail (shown_client == NULL || ROSTER_IS_CLIENT (shown_client), NULL);

  self = g_object_new (ROSTER_TYPE_TENANT_SWITCHER, NULL);
  self->window = window;
  self->manager = g_object_ref (manager);

  gtk_widget_insert_action_group (GTK_WIDGET (window), "tenant", G_ACTION_GROUP (self->actions));
  g_signal_connect_object (roster_tenant_manager_get_tenants (manager), "items-changed",
                           G_CALLBACK (rebuild_menu), self, G_CONNECT_SWAPPED);
  rebuild_menu (self);
  open_first (self, shown_client);

  return self;
}

/**
 * roster_tenant_switcher_handle_error:
 * @error: (nullable): why the window could not load organizations or
 *   members
 *
 * Replaces the view with a prompt for a new token when Auth0 rejects the
 * current tenant's pasted token as expired, which it can do before the
 * local clock reaches "exp". Other errors are left to the view.
 */
void
roster_tenant_switcher_handle_error (RosterTenantSwitcher *self,
                                     const GError         *error)
{
  RosterTenantConfig *current;
  const char *message;
  g_autofree char *folded = NULL;

  g_return_if_fail (ROSTER_IS_TENANT_SWITCHER (self));

  current = roster_tenant_manager_get_current (self->manager);
  if (error == NULL || current == NULL ||
      roster_tenant_config_get_auth_method (current) != ROSTER_AUTH_METHOD_API_TOKEN ||
      !g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_UNAUTHORIZED))
    return;

  message = roster_api_error_get_auth0_message (error);
  folded = g_ascii_strdown (message != NULL ? message : "", -1);
  if (strstr (folded, "expired") == NULL)
    return;

  /* The prompt replaces the view, which is still emitting notifications. */
  g_clear_handle_id (&self->expiry_source_id, g_source_remove);
  self->expiry_source_id = g_idle_add (on_token_expired, self);
}

/**
 * roster_tenant_switcher_get_menu:
 *
 * Returns: (transfer none): the tenant menu
 */
GMenuModel *
roster_tenant_switcher_get_menu (RosterTenantSwitcher *self)
{
  g_return_val_if_fail (ROSTER_IS_TENANT_SWITCHER (self), NULL);

  return G_MENU_MODEL (self->menu);
}
