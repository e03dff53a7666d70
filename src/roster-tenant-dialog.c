/* roster-tenant-dialog.c: adds or edits a tenant. Before saving, it proves
 * that the tenant works: it obtains or decodes a token, shows the token's
 * scopes against the ones Roster needs, and lists one organization.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "roster-scopes.h"
#include "roster-secret-store.h"
#include "roster-sign-in-error.h"
#include "roster-tenant-dialog.h"

/* Positions in method_row's model. */
#define METHOD_CLIENT_CREDENTIALS 0
#define METHOD_API_TOKEN          1

struct _RosterTenantDialog
{
  AdwWindow            parent_instance;

  /* Template children */
  AdwWindowTitle      *window_title;
  GtkButton           *save_button;
  GtkWidget           *spinner;
  GtkWidget           *error_box;
  GtkLabel            *error_label;
  GtkWidget           *use_once_button;
  AdwEntryRow         *domain_row;
  AdwEntryRow         *label_row;
  AdwEntryRow         *custom_domain_row;
  AdwComboRow         *method_row;
  AdwEntryRow         *client_id_row;
  AdwEntryRow         *client_secret_row;
  AdwEntryRow         *token_row;
  AdwPreferencesGroup *scopes_group;

  RosterTenantManager *manager;          /* owned */
  RosterTenantConfig  *editing;          /* owned, nullable: the tenant being edited */
  char                *tenant_id;        /* owned: of the tenant added or edited */
  GTask               *task;             /* owned, nullable: while the dialog runs */
  gulong               cancelled_id;     /* on the task's cancellable */
  GCancellable        *cancellable;      /* owned, nullable: while a check or save runs */

  /* The tenant being checked, then the one that passed the check. */
  RosterTenantConfig  *config;           /* owned, nullable */
  char                *secret;           /* owned, nullable: NULL keeps the stored one */
  RosterClient        *client;           /* owned, nullable */
  gboolean             verified;
  gboolean             save_after_check;
  gboolean             keyring_failed;

  GPtrArray           *scope_rows;       /* owned: rows added to scopes_group */
  GHashTable          *scope_states;     /* owned: scope → GtkLabel (unowned) */
  GStrv                missing_scopes;   /* owned, nullable: required scopes the token lacks */
};

G_DEFINE_FINAL_TYPE (RosterTenantDialog, roster_tenant_dialog, ADW_TYPE_WINDOW)

static void check_tenant (RosterTenantDialog *self);
static void save_tenant  (RosterTenantDialog *self);

static void
clear_secret (char **secret)
{
  g_clear_pointer (secret, roster_secret_store_free_secret);
}

static gboolean
is_busy (RosterTenantDialog *self)
{
  return self->cancellable != NULL;
}

static void
update_actions (RosterTenantDialog *self)
{
  gboolean busy = is_busy (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tenant-dialog.save", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tenant-dialog.use-once",
                                 !busy && self->verified && self->keyring_failed);
  gtk_widget_set_visible (self->use_once_button, self->verified && self->keyring_failed);
  gtk_widget_set_visible (self->spinner, busy);
}

/* After a check that found required scopes missing, the button reads
 * "Add Anyway", because saving then goes ahead despite them. */
static void
update_save_label (RosterTenantDialog *self)
{
  gboolean anyway = self->verified && self->missing_scopes != NULL && self->missing_scopes[0] != NULL;

  if (self->editing != NULL)
    gtk_button_set_label (self->save_button, anyway ? _("Save _Anyway") : _("_Save"));
  else
    gtk_button_set_label (self->save_button, anyway ? _("Add _Anyway") : _("_Add"));
}

static void
show_error (RosterTenantDialog *self,
            const char         *text)
{
  gtk_label_set_text (self->error_label, text != NULL ? text : "");
  gtk_widget_set_visible (self->error_box, text != NULL);
}

static void
complete (RosterTenantDialog *self,
          const char         *tenant_id)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  if (task == NULL)
    return;

  g_clear_signal_handler (&self->cancelled_id, g_task_get_cancellable (task));

  if (tenant_id == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "The dialog closed without saving");
  else
    g_task_return_pointer (task, g_strdup (tenant_id), g_free);
}

static void
stop_operation (RosterTenantDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

/* Any edit makes the last check stale. */
static void
forget_check (RosterTenantDialog *self)
{
  stop_operation (self);
  g_clear_object (&self->config);
  g_clear_object (&self->client);
  clear_secret (&self->secret);
  self->verified = FALSE;
  self->keyring_failed = FALSE;
  update_actions (self);
  update_save_label (self);
}

static void
on_field_changed (RosterTenantDialog *self)
{
  gboolean token = adw_combo_row_get_selected (self->method_row) == METHOD_API_TOKEN;

  gtk_widget_set_visible (GTK_WIDGET (self->client_id_row), !token);
  gtk_widget_set_visible (GTK_WIDGET (self->client_secret_row), !token);
  gtk_widget_set_visible (GTK_WIDGET (self->token_row), token);

  forget_check (self);
}

static void
clear_scopes (RosterTenantDialog *self)
{
  for (guint i = 0; i < self->scope_rows->len; i++)
    adw_preferences_group_remove (self->scopes_group, g_ptr_array_index (self->scope_rows, i));

  g_ptr_array_set_size (self->scope_rows, 0);
  g_hash_table_remove_all (self->scope_states);
  g_clear_pointer (&self->missing_scopes, g_strfreev);
  gtk_widget_set_visible (GTK_WIDGET (self->scopes_group), FALSE);
}

static GtkWidget *
create_scope_row (const RosterScopeInfo  *info,
                  gboolean                granted,
                  GtkLabel              **state_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *state;
  const char *text;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->scope);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(info->description));

  /* Translators: whether an access token has a scope */
  text = granted ? C_("scope", "Granted") : C_("scope", "Missing");
  state = gtk_label_new (text);
  if (granted)
    gtk_widget_add_css_class (state, "success");
  else if (info->required)
    gtk_widget_add_css_class (state, "error");
  else
    gtk_widget_add_css_class (state, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);

  *state_out = GTK_LABEL (state);
  return row;
}

/* Lists every scope Roster uses, granted or missing, with what it unlocks. */
static void
show_scopes (RosterTenantDialog *self,
             const char * const *granted)
{
  g_auto(GStrv) missing = roster_scopes_missing_required (granted);
  const RosterScopeInfo *scopes;
  guint n_scopes;

  clear_scopes (self);
  scopes = roster_scopes_get_all (&n_scopes);

  for (guint i = 0; i < n_scopes; i++)
    {
      gboolean is_granted = scopes[i].required
                            ? !g_strv_contains ((const char * const *) missing, scopes[i].scope)
                            : g_strv_contains (granted, scopes[i].scope);
      GtkLabel *state;
      GtkWidget *row = create_scope_row (&scopes[i], is_granted, &state);

      adw_preferences_group_add (self->scopes_group, row);
      g_ptr_array_add (self->scope_rows, row);
      g_hash_table_insert (self->scope_states, (gpointer) scopes[i].scope, state);
    }

  self->missing_scopes = g_steal_pointer (&missing);
  gtk_widget_set_visible (GTK_WIDGET (self->scopes_group), TRUE);
}

static char *
dup_entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static gboolean
check_domain (const char  *domain,
              GError     **error)
{
  g_autofree char *base_uri = roster_tenant_parse_domain (domain, error);

  return base_uri != NULL;
}

/* Builds the tenant from the fields, or fails with a message that names
 * the invalid field. */
static RosterTenantConfig *
read_config (RosterTenantDialog  *self,
             GError             **error)
{
  g_autofree char *domain = dup_entry_text (self->domain_row);
  g_autofree char *label = dup_entry_text (self->label_row);
  g_autofree char *custom_domain = dup_entry_text (self->custom_domain_row);
  g_autofree char *client_id = dup_entry_text (self->client_id_row);
  gboolean token = adw_combo_row_get_selected (self->method_row) == METHOD_API_TOKEN;
  g_autoptr(RosterTenantConfig) config = NULL;

  if (*domain == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter the tenant’s domain, such as example.us.auth0.com."));
      return NULL;
    }

  if (!check_domain (domain, error) || (*custom_domain != '\0' && !check_domain (custom_domain, error)))
    return NULL;

  if (!token && *client_id == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter the client ID of a machine-to-machine application."));
      return NULL;
    }

  config = roster_tenant_config_new (self->tenant_id, domain,
                                     token ? ROSTER_AUTH_METHOD_API_TOKEN : ROSTER_AUTH_METHOD_CLIENT_CREDENTIALS);
  roster_tenant_config_set_api_host (config, *custom_domain != '\0' ? custom_domain : NULL);
  roster_tenant_config_set_label (config, *label != '\0' ? label : NULL);
  if (!token)
    roster_tenant_config_set_client_id (config, client_id);

  return g_steal_pointer (&config);
}

/* Returns the secret typed, or NULL when the field is empty. */
static char *
read_secret (RosterTenantDialog *self)
{
  gboolean token = adw_combo_row_get_selected (self->method_row) == METHOD_API_TOKEN;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (token ? self->token_row : self->client_secret_row));
  char *secret = token ? roster_jwt_strip_bearer (text) : g_strstrip (g_strdup (text));

  if (*secret == '\0')
    {
      clear_secret (&secret);
      return NULL;
    }

  return secret;
}

static void
fail_check (RosterTenantDialog *self,
            const char         *text)
{
  g_clear_object (&self->cancellable);
  show_error (self, text);
  update_actions (self);
}

static void
fail_check_with_error (RosterTenantDialog *self,
                       const GError       *error)
{
  const char *host = roster_tenant_config_get_api_host (self->config);
  g_autofree char *text = NULL;

  if (host == NULL)
    host = roster_tenant_config_get_domain (self->config);

  g_debug ("Checking tenant %s failed: %s", host, error->message);
  text = roster_sign_in_error_describe (error, host);
  fail_check (self, text);
}

static void
finish_check (RosterTenantDialog *self)
{
  g_autofree char *list = NULL;
  g_autofree char *text = NULL;

  g_clear_object (&self->cancellable);
  self->verified = TRUE;
  update_actions (self);

  if (self->missing_scopes == NULL || self->missing_scopes[0] == NULL)
    {
      show_error (self, NULL);
      if (self->save_after_check)
        save_tenant (self);
      return;
    }

  update_save_label (self);
  list = g_strjoinv (", ", self->missing_scopes);
  /* Translators: %s is a list of Management API scopes */
  text = g_strdup_printf (_("The tenant works, but the token lacks %s, which Roster needs. Grant the "
                            "scopes to the application in the Auth0 Dashboard, or save the tenant "
                            "anyway."),
                          list);
  show_error (self, text);
}

static void
on_organization_listed (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  RosterTenantDialog *self = user_data;
  g_autoptr(GPtrArray) organizations = NULL;
  g_autoptr(GError) error = NULL;

  organizations = roster_client_fetch_page_finish (ROSTER_CLIENT (object), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (organizations == NULL)
    fail_check_with_error (self, error);
  else
    finish_check (self);
}

static void
list_one_organization (RosterTenantDialog *self)
{
  roster_client_fetch_page_async (self->client, "/api/v2/organizations?take=1", "organizations",
                                  ROSTER_TYPE_ORGANIZATION, self->cancellable,
                                  on_organization_listed, self);
}

static void
show_token_scopes (RosterTenantDialog *self,
                   const char         *token)
{
  g_autoptr(RosterJwtClaims) claims = NULL;
  g_autoptr(GError) error = NULL;

  claims = roster_jwt_decode (token, &error);
  if (claims == NULL)
    {
      /* Auth0 issues JWTs, but the check does not depend on reading one. */
      g_debug ("Cannot read the scopes of the new token: %s", error->message);
      clear_scopes (self);
      return;
    }

  show_scopes (self, (const char * const *) claims->scopes);
}

static void
on_access_token (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RosterTenantDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  char *token;

  token = roster_client_get_access_token_finish (ROSTER_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (token == NULL)
    {
      fail_check_with_error (self, error);
      return;
    }

  show_token_scopes (self, token);
  roster_client_free_token (token);
  list_one_organization (self);
}

/* A pasted token cannot be renewed, so it is read before any request. */
static gboolean
check_pasted_token (RosterTenantDialog  *self,
                    GError             **error)
{
  g_autoptr(RosterJwtClaims) claims = NULL;
  g_autoptr(GDateTime) expiry = NULL;
  g_autofree char *when = NULL;

  claims = roster_jwt_decode (self->secret, error);
  if (claims == NULL)
    return FALSE;

  if (claims->expires_at <= g_get_real_time () / G_USEC_PER_SEC)
    {
      expiry = g_date_time_new_from_unix_local (claims->expires_at);
      when = g_date_time_format (expiry, "%c");
      g_set_error (error, ROSTER_TENANT_MANAGER_ERROR, ROSTER_TENANT_MANAGER_ERROR_TOKEN_EXPIRED,
                   /* Translators: %s is a date and time */
                   _("The token expired on %s. Copy a new one from the API Explorer of the Auth0 "
                     "Management API in the Auth0 Dashboard."),
                   when);
      return FALSE;
    }

  show_scopes (self, (const char * const *) claims->scopes);
  return TRUE;
}

/* Runs once the secret is known: typed, or read from the keyring. */
static void
check_with_secret (RosterTenantDialog *self,
                   const char         *secret)
{
  g_autoptr(GError) error = NULL;

  self->client = roster_tenant_manager_create_client (self->config, secret, &error);
  if (self->client == NULL)
    {
      fail_check (self, error->message);
      return;
    }

  if (roster_tenant_config_get_auth_method (self->config) == ROSTER_AUTH_METHOD_CLIENT_CREDENTIALS)
    {
      roster_client_get_access_token_async (self->client, self->cancellable, on_access_token, self);
      return;
    }

  list_one_organization (self);
}

static void
on_stored_secret (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  RosterTenantDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = roster_secret_store_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      roster_secret_store_free_secret (secret);
      return;
    }

  if (secret == NULL)
    {
      fail_check (self, error != NULL ? error->message
                                      : _("The keyring holds no secret for this tenant. Enter it again."));
      return;
    }

  check_with_secret (self, secret);
  roster_secret_store_free_secret (secret);
}

static gboolean
can_keep_stored_secret (RosterTenantDialog *self)
{
  return self->editing != NULL &&
         roster_tenant_manager_is_saved (self->manager, self->tenant_id) &&
         roster_tenant_config_get_auth_method (self->editing) ==
         roster_tenant_config_get_auth_method (self->config);
}

static void
check_tenant (RosterTenantDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean token = adw_combo_row_get_selected (self->method_row) == METHOD_API_TOKEN;

  forget_check (self);
  clear_scopes (self);

  self->config = read_config (self, &error);
  if (self->config == NULL)
    {
      show_error (self, error->message);
      return;
    }

  self->secret = read_secret (self);
  if (self->secret == NULL && !can_keep_stored_secret (self))
    {
      show_error (self, token ? _("Paste a Management API token.")
                              : _("Enter the client secret of the application."));
      return;
    }

  if (token && self->secret != NULL && !check_pasted_token (self, &error))
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  self->cancellable = g_cancellable_new ();
  update_actions (self);

  if (self->secret != NULL)
    check_with_secret (self, self->secret);
  else
    roster_secret_store_lookup_async (self->tenant_id,
                                      token ? ROSTER_SECRET_KIND_API_TOKEN : ROSTER_SECRET_KIND_CLIENT_SECRET,
                                      self->cancellable, on_stored_secret, self);
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  RosterTenantDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!roster_tenant_manager_save_finish (ROSTER_TENANT_MANAGER (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_clear_object (&self->cancellable);
      self->keyring_failed = TRUE;
      /* Translators: %s is the keyring's reason */
      text = g_strdup_printf (_("The keyring could not store the secret: %s. Roster keeps secrets "
                                "nowhere else. Unlock or set up the keyring and save again, or use "
                                "the tenant until Roster quits."),
                              error->message);
      show_error (self, text);
      update_actions (self);
      return;
    }

  g_clear_object (&self->cancellable);
  complete (self, self->tenant_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_tenant (RosterTenantDialog *self)
{
  gboolean scopes_missing = self->missing_scopes != NULL && self->missing_scopes[0] != NULL;

  self->cancellable = g_cancellable_new ();
  update_actions (self);

  /* A client keeps its token until shortly before it expires. When scopes
   * were missing, the tenant gets a fresh client, so scopes granted in the
   * Dashboard meanwhile reach Roster with the next token. */
  roster_tenant_manager_save_async (self->manager, self->config, self->secret,
                                    scopes_missing ? NULL : self->client,
                                    self->cancellable, on_saved, self);
}

/* Saves a checked tenant. An unchecked one is checked first, and saved
 * when the check finds no required scope missing. */
static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RosterTenantDialog *self = ROSTER_TENANT_DIALOG (widget);

  if (is_busy (self))
    return;

  if (self->verified)
    {
      save_tenant (self);
      return;
    }

  self->save_after_check = TRUE;
  check_tenant (self);
}

static void
use_once_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RosterTenantDialog *self = ROSTER_TENANT_DIALOG (widget);

  if (!self->verified || self->client == NULL)
    return;

  roster_tenant_manager_add_unsaved (self->manager, self->config, self->client, self->secret);
  complete (self, self->tenant_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
roster_tenant_dialog_dispose (GObject *object)
{
  RosterTenantDialog *self = (RosterTenantDialog *) object;

  stop_operation (self);
  complete (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_TENANT_DIALOG);

  G_OBJECT_CLASS (roster_tenant_dialog_parent_class)->dispose (object);
}

static void
roster_tenant_dialog_finalize (GObject *object)
{
  RosterTenantDialog *self = (RosterTenantDialog *) object;

  g_clear_object (&self->manager);
  g_clear_object (&self->editing);
  g_clear_pointer (&self->tenant_id, g_free);
  g_clear_object (&self->config);
  g_clear_object (&self->client);
  clear_secret (&self->secret);
  g_clear_pointer (&self->scope_rows, g_ptr_array_unref);
  g_clear_pointer (&self->scope_states, g_hash_table_unref);
  g_clear_pointer (&self->missing_scopes, g_strfreev);

  G_OBJECT_CLASS (roster_tenant_dialog_parent_class)->finalize (object);
}

/* gtk_window_destroy(), also through destroy-with-parent, unrealizes the
 * dialog but does not dispose it while the task holds a reference, so the
 * task completes here. The task may release the dialog only after the
 * parent is gone, so the dialog lets go of the parent now. */
static void
roster_tenant_dialog_unrealize (GtkWidget *widget)
{
  RosterTenantDialog *self = ROSTER_TENANT_DIALOG (widget);

  stop_operation (self);
  complete (self, NULL);
  gtk_window_set_transient_for (GTK_WINDOW (self), NULL);

  GTK_WIDGET_CLASS (roster_tenant_dialog_parent_class)->unrealize (widget);
}

static gboolean
roster_tenant_dialog_close_request (GtkWindow *window)
{
  RosterTenantDialog *self = ROSTER_TENANT_DIALOG (window);

  stop_operation (self);
  complete (self, NULL);

  return GTK_WINDOW_CLASS (roster_tenant_dialog_parent_class)->close_request (window);
}

static void
roster_tenant_dialog_class_init (RosterTenantDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = roster_tenant_dialog_dispose;
  object_class->finalize = roster_tenant_dialog_finalize;
  widget_class->unrealize = roster_tenant_dialog_unrealize;
  window_class->close_request = roster_tenant_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/roster_app/Roster/roster-tenant-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterTenantDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RosterTenantDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, RosterTenantDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, RosterTenantDialog, error_box);
  gtk_widget_class_bind_template_child (widget_class, RosterTenantDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RosterTenantDialog, use_once_button);
  gtk_widget_class_bind_template_child (widget_class, RosterTenantDialog, domain_row);
  gtk_widget_class_bind_template_child (widget_class, RosterTenantDialog, label_row);
  gtk_widget_class_bind_template_child (widget_class, RosterTenantDialog, custom_domain_row);
  gtk_widget_class_bind_template_child (widget_class, RosterTenantDialog, method_row);
  gtk_widget_class_bind_template_child (widget_class, RosterTenantDialog, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, RosterTenantDialog, client_secret_row);
  gtk_widget_class_bind_template_child (widget_class, RosterTenantDialog, token_row);
  gtk_widget_class_bind_template_child (widget_class, RosterTenantDialog, scopes_group);

  gtk_widget_class_install_action (widget_class, "tenant-dialog.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "tenant-dialog.use-once", NULL, use_once_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
connect_fields (RosterTenantDialog *self)
{
  GtkWidget *rows[] = {
    GTK_WIDGET (self->domain_row), GTK_WIDGET (self->label_row), GTK_WIDGET (self->custom_domain_row),
    GTK_WIDGET (self->client_id_row), GTK_WIDGET (self->client_secret_row), GTK_WIDGET (self->token_row),
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_signal_connect_object (rows[i], "changed", G_CALLBACK (on_field_changed), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->method_row, "notify::selected",
                           G_CALLBACK (on_field_changed), self, G_CONNECT_SWAPPED);
}

static void
roster_tenant_dialog_init (RosterTenantDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->scope_rows = g_ptr_array_new ();
  self->scope_states = g_hash_table_new (g_str_hash, g_str_equal);

  connect_fields (self);
  on_field_changed (self);
}

static void
fill_fields (RosterTenantDialog *self,
             RosterTenantConfig *tenant)
{
  const char *api_host = roster_tenant_config_get_api_host (tenant);
  const char *label = roster_tenant_config_get_label (tenant);
  const char *client_id = roster_tenant_config_get_client_id (tenant);
  gboolean token = roster_tenant_config_get_auth_method (tenant) == ROSTER_AUTH_METHOD_API_TOKEN;

  gtk_editable_set_text (GTK_EDITABLE (self->domain_row), roster_tenant_config_get_domain (tenant));
  gtk_editable_set_text (GTK_EDITABLE (self->custom_domain_row), api_host != NULL ? api_host : "");
  gtk_editable_set_text (GTK_EDITABLE (self->label_row), label != NULL ? label : "");
  gtk_editable_set_text (GTK_EDITABLE (self->client_id_row), client_id != NULL ? client_id : "");
  adw_combo_row_set_selected (self->method_row, token ? METHOD_API_TOKEN : METHOD_CLIENT_CREDENTIALS);

  if (!roster_tenant_manager_is_saved (self->manager, roster_tenant_config_get_id (tenant)))
    return;

  /* The stored secret stays in the keyring, and an empty field keeps it. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->client_secret_row),
                                 _("Client Secret (empty: keep the stored one)"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->token_row),
                                 _("Management API Token (empty: keep the stored one)"));
}

/**
 * roster_tenant_dialog_new:
 * @parent: the window the dialog is modal to
 * @manager: where the tenant is saved
 * @tenant: (nullable): a saved tenant to edit, or %NULL to add one
 */
RosterTenantDialog *
roster_tenant_dialog_new (GtkWindow           *parent,
                          RosterTenantManager *manager,
                          RosterTenantConfig  *tenant)
{
  RosterTenantDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ROSTER_IS_TENANT_MANAGER (manager), NULL);
  g_return_val_if_fail (tenant == NULL || ROSTER_IS_TENANT_CONFIG (tenant), NULL);

  self = g_object_new (ROSTER_TYPE_TENANT_DIALOG, "transient-for", parent, NULL);
  self->manager = g_object_ref (manager);

  if (tenant == NULL)
    {
      self->tenant_id = roster_tenant_config_new_id ();
      adw_window_title_set_title (self->window_title, _("Add Tenant"));
      update_save_label (self);
      return self;
    }

  self->editing = g_object_ref (tenant);
  self->tenant_id = g_strdup (roster_tenant_config_get_id (tenant));
  adw_window_title_set_title (self->window_title, _("Edit Tenant"));
  fill_fields (self, tenant);
  update_save_label (self);

  return self;
}

/* The caller cancelled, for example because its window is closing. */
static void
on_run_cancelled (GCancellable       *cancellable,
                  RosterTenantDialog *self)
{
  complete (self, NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * roster_tenant_dialog_run_async:
 * @cancellable: (nullable): cancelling destroys the dialog, which then
 *   finishes with G_IO_ERROR_CANCELLED
 */
void
roster_tenant_dialog_run_async (RosterTenantDialog  *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ROSTER_IS_TENANT_DIALOG (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (self->task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_tenant_dialog_run_async);
  g_task_set_check_cancellable (task, FALSE);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (cancellable != NULL)
    self->cancelled_id = g_signal_connect_object (cancellable, "cancelled",
                                                  G_CALLBACK (on_run_cancelled), self, 0);

  self->task = g_steal_pointer (&task);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->domain_row));
}

/**
 * roster_tenant_dialog_run_finish:
 *
 * Returns: (transfer full) (nullable): the id of the tenant saved, or %NULL
 *   with G_IO_ERROR_CANCELLED
 */
char *
roster_tenant_dialog_run_finish (RosterTenantDialog  *self,
                                 GAsyncResult        *result,
                                 GError             **error)
{
  g_return_val_if_fail (ROSTER_IS_TENANT_DIALOG (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
roster_tenant_dialog_show_message (RosterTenantDialog *self,
                                   const char         *message)
{
  g_return_if_fail (ROSTER_IS_TENANT_DIALOG (self));

  show_error (self, message);
}

/**
 * roster_tenant_dialog_get_entry:
 *
 * Test accessor. Returns: (transfer none) (nullable): the entry called @name
 */
GtkEditable *
roster_tenant_dialog_get_entry (RosterTenantDialog *self,
                                const char         *name)
{
  const struct { const char *name; AdwEntryRow *row; } entries[] = {
    { "domain", self->domain_row },
    { "label", self->label_row },
    { "custom-domain", self->custom_domain_row },
    { "client-id", self->client_id_row },
    { "client-secret", self->client_secret_row },
    { "token", self->token_row },
  };

  g_return_val_if_fail (ROSTER_IS_TENANT_DIALOG (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if (g_strcmp0 (entries[i].name, name) == 0)
      return GTK_EDITABLE (entries[i].row);

  return NULL;
}

/* Test accessor: picks the way in, as the combo row does. */
void
roster_tenant_dialog_set_auth_method (RosterTenantDialog *self,
                                      RosterAuthMethod    method)
{
  g_return_if_fail (ROSTER_IS_TENANT_DIALOG (self));

  adw_combo_row_set_selected (self->method_row,
                              method == ROSTER_AUTH_METHOD_API_TOKEN ? METHOD_API_TOKEN
                                                                     : METHOD_CLIENT_CREDENTIALS);
}

gboolean
roster_tenant_dialog_is_busy (RosterTenantDialog *self)
{
  g_return_val_if_fail (ROSTER_IS_TENANT_DIALOG (self), FALSE);

  return is_busy (self);
}

/**
 * roster_tenant_dialog_get_error_text:
 *
 * Test accessor. Returns: (transfer none) (nullable): the error shown
 */
const char *
roster_tenant_dialog_get_error_text (RosterTenantDialog *self)
{
  g_return_val_if_fail (ROSTER_IS_TENANT_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (self->error_box))
    return NULL;

  return gtk_label_get_text (self->error_label);
}

const char *
roster_tenant_dialog_get_scope_state (RosterTenantDialog *self,
                                      const char         *scope)
{
  GtkLabel *state;

  g_return_val_if_fail (ROSTER_IS_TENANT_DIALOG (self), NULL);
  g_return_val_if_fail (scope != NULL, NULL);

  state = g_hash_table_lookup (self->scope_states, scope);
  return state != NULL ? gtk_label_get_text (state) : NULL;
}
