/* test-tenant-window.c: adds, switches and removes tenants through the
 * window's and the dialog's actions, against the demo tenant in this
 * process, with secrets in libsecret's file backend.
 *
 * Every log message of the process goes through capture_writer(), so a test
 * can check that no secret reached the log. meson runs this test with
 * G_MESSAGES_DEBUG=all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "roster-demo-tenant.h"
#include "roster-secret-store.h"
#include "roster-tenant-dialog.h"
#include "roster-tenant-manager.h"
#include "roster-test-utils.h"
#include "roster-window.h"

#define TIMEOUT_SECONDS 10
#define READ_ONLY_SCOPES "read:organizations read:organization_members read:organization_member_roles"

typedef struct
{
  RosterDemoTenant    *tenant;
  GSettings           *settings;
  RosterTenantManager *manager;
  RosterWindow        *window;
} Fixture;

typedef gboolean (*Condition) (Fixture *fixture);

static GtkApplication *application;
static GString *captured_log;

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (fields[i].length < 0)
        g_string_append (captured_log, fields[i].value);
      else
        g_string_append_len (captured_log, fields[i].value, fields[i].length);
      g_string_append_c (captured_log, ' ');
    }
  g_string_append_c (captured_log, '\n');

  /* Debug and info lines stay in the buffer, off the TAP stream. */
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (log_level, fields, n_fields, user_data);

  return G_LOG_WRITER_HANDLED;
}

static gboolean
on_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_until_for (Fixture    *fixture,
                Condition   condition,
                guint       seconds,
                const char *what)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (seconds, on_timeout, &timed_out);

  while (!condition (fixture) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Timed out after %u s waiting for %s", seconds, what);

  g_source_remove (timeout_id);
}

static void
wait_until (Fixture    *fixture,
            Condition   condition,
            const char *what)
{
  wait_until_for (fixture, condition, TIMEOUT_SECONDS, what);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static RosterTenantDialog *
find_dialog (void)
{
  return (RosterTenantDialog *) find_toplevel (ROSTER_TYPE_TENANT_DIALOG);
}

static gboolean
dialog_is_mapped (Fixture *fixture)
{
  return find_dialog () != NULL;
}

static gboolean
dialog_is_gone (Fixture *fixture)
{
  return find_dialog () == NULL;
}

static gboolean
dialog_is_idle (Fixture *fixture)
{
  RosterTenantDialog *dialog = find_dialog ();

  return dialog == NULL || !roster_tenant_dialog_is_busy (dialog);
}

static gboolean
confirmation_is_mapped (Fixture *fixture)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
confirmation_is_gone (Fixture *fixture)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

/* The full-window pages the tenant switcher shows in place of the
 * organizations. */
static gboolean
is_mapped_tenant_page (GtkWidget     *widget,
                       gconstpointer  unused)
{
  const char *titles[] = {
    "No Tenants", "Cannot Open the Tenant", "Keyring Unavailable", "Token Expired", NULL,
  };

  return ADW_IS_STATUS_PAGE (widget) && gtk_widget_get_mapped (widget) &&
         g_strv_contains (titles, adw_status_page_get_title (ADW_STATUS_PAGE (widget)));
}

/* A tenant is open and its organizations are listed. */
static gboolean
tenant_is_shown (Fixture *fixture)
{
  return roster_tenant_manager_get_current (fixture->manager) != NULL &&
         roster_test_find_widget (GTK_WIDGET (fixture->window), is_mapped_tenant_page, NULL) == NULL &&
         !roster_window_is_loading (fixture->window) &&
         g_list_model_get_n_items (roster_window_get_organizations (fixture->window)) > 0;
}

static gboolean
window_is_mapped (Fixture *fixture)
{
  return gtk_widget_get_mapped (GTK_WIDGET (fixture->window));
}

static gboolean
window_is_gone (Fixture *fixture)
{
  return fixture->window == NULL;
}

static gboolean
manager_is_gone (Fixture *fixture)
{
  return fixture->manager == NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->tenant = roster_demo_tenant_new ();
  roster_demo_tenant_start (fixture->tenant, 0, &error);
  g_assert_no_error (error);

  fixture->settings = g_settings_new (APPLICATION_ID);
  g_settings_reset (fixture->settings, "tenants");
  g_settings_reset (fixture->settings, "last-tenant");
}

static void
close_window (Fixture *fixture)
{
  GtkWindow *window = GTK_WINDOW (fixture->window);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &fixture->window);
  gtk_window_destroy (window);
  wait_until (fixture, window_is_gone, "the window to finalize");

  /* Nothing the switcher or a dialog started may keep the manager alive. */
  g_object_add_weak_pointer (G_OBJECT (fixture->manager), (gpointer *) &fixture->manager);
  g_object_unref (fixture->manager);
  wait_until (fixture, manager_is_gone, "the tenant manager to finalize");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    close_window (fixture);

  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->tenant);
}

/* Opens a window with a tenant manager, as the application does at start. */
static void
open_window (Fixture *fixture)
{
  fixture->manager = roster_tenant_manager_new (fixture->settings);
  fixture->window = roster_window_new (application, NULL, NULL);
  roster_window_set_tenant_manager (fixture->window, fixture->manager);
  gtk_window_present (GTK_WINDOW (fixture->window));

  wait_until (fixture, window_is_mapped, "the window to map");
}

static RosterTenantDialog *
open_add_dialog (Fixture *fixture)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "tenant.add", NULL);
  wait_until (fixture, dialog_is_mapped, "the tenant dialog to map");

  return find_dialog ();
}

static void
fill (RosterTenantDialog *dialog,
      const char         *entry,
      const char         *text)
{
  GtkEditable *editable = roster_tenant_dialog_get_entry (dialog, entry);

  g_assert_nonnull (editable);
  gtk_editable_set_text (editable, text);
}

static void
press_save (Fixture            *fixture,
            RosterTenantDialog *dialog)
{
  gtk_widget_activate_action (GTK_WIDGET (dialog), "tenant-dialog.save", NULL);
  wait_until (fixture, dialog_is_idle, "the tenant check to finish");
}

static RosterTenantDialog *
fill_client_credentials (Fixture    *fixture,
                         const char *label,
                         const char *client_secret)
{
  RosterTenantDialog *dialog = open_add_dialog (fixture);

  roster_tenant_dialog_set_auth_method (dialog, ROSTER_AUTH_METHOD_CLIENT_CREDENTIALS);
  fill (dialog, "domain", roster_demo_tenant_get_base_uri (fixture->tenant));
  fill (dialog, "label", label);
  fill (dialog, "client-id", ROSTER_DEMO_CLIENT_ID);
  fill (dialog, "client-secret", client_secret);

  return dialog;
}

static RosterTenantDialog *
fill_pasted_token (Fixture    *fixture,
                   const char *label,
                   const char *token)
{
  RosterTenantDialog *dialog = open_add_dialog (fixture);

  roster_tenant_dialog_set_auth_method (dialog, ROSTER_AUTH_METHOD_API_TOKEN);
  fill (dialog, "domain", roster_demo_tenant_get_base_uri (fixture->tenant));
  fill (dialog, "label", label);
  fill (dialog, "token", token);

  return dialog;
}

/* Adds a tenant with the demo application's credentials and waits until
 * its organizations show. Returns its id. */
static char *
add_client_credentials_tenant (Fixture    *fixture,
                               const char *label)
{
  RosterTenantDialog *dialog = fill_client_credentials (fixture, label, ROSTER_DEMO_CLIENT_SECRET);
  RosterTenantConfig *current;

  press_save (fixture, dialog);
  wait_until (fixture, dialog_is_gone, "the dialog to close");
  wait_until (fixture, tenant_is_shown, "the new tenant's organizations");

  current = roster_tenant_manager_get_current (fixture->manager);
  g_assert_cmpstr (roster_tenant_config_get_label (current), ==, label);

  return g_strdup (roster_tenant_config_get_id (current));
}

static char *
add_pasted_token_tenant (Fixture    *fixture,
                         const char *label,
                         const char *token)
{
  RosterTenantDialog *dialog = fill_pasted_token (fixture, label, token);
  RosterTenantConfig *current;

  press_save (fixture, dialog);
  wait_until (fixture, dialog_is_gone, "the dialog to close");
  wait_until (fixture, tenant_is_shown, "the new tenant's organizations");

  current = roster_tenant_manager_get_current (fixture->manager);
  g_assert_cmpstr (roster_tenant_config_get_label (current), ==, label);

  return g_strdup (roster_tenant_config_get_id (current));
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **result_out = user_data;

  *result_out = g_object_ref (result);
}

static gboolean
result_arrived (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static char *
lookup_secret (const char       *tenant_id,
               RosterSecretKind  kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (TIMEOUT_SECONDS, on_timeout, &timed_out);
  char *secret;

  roster_secret_store_lookup_async (tenant_id, kind, NULL, store_result_cb, &result);
  while (!result_arrived (&result) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);

  secret = roster_secret_store_lookup_finish (result, &error);
  g_assert_no_error (error);

  return secret;
}

static char *
dup_settings_text (Fixture *fixture)
{
  g_autoptr(GVariant) tenants = g_settings_get_value (fixture->settings, "tenants");

  return g_variant_print (tenants, TRUE);
}

static guint
count_api_requests (Fixture *fixture)
{
  return roster_demo_tenant_get_requests (fixture->tenant)->len;
}

static void
test_first_run_shows_no_tenants (Fixture       *fixture,
                                 gconstpointer  data)
{
  GtkWidget *page;
  GtkWidget *button;

  open_window (fixture);

  page = roster_test_find_widget (GTK_WIDGET (fixture->window),
                                  roster_test_is_mapped_status_page, "No Tenants");
  g_assert_nonnull (page);
  button = roster_test_find_widget (page, roster_test_is_mapped_button, "_Add Tenant…");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_has_css_class (button, "suggested-action"));
}

static void
test_add_with_client_credentials (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *tenant_id = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *settings_text = NULL;

  open_window (fixture);
  tenant_id = add_client_credentials_tenant (fixture, "Demo");

  secret = lookup_secret (tenant_id, ROSTER_SECRET_KIND_CLIENT_SECRET);
  g_assert_cmpstr (secret, ==, ROSTER_DEMO_CLIENT_SECRET);

  settings_text = dup_settings_text (fixture);
  g_assert_nonnull (strstr (settings_text, ROSTER_DEMO_CLIENT_ID));
  g_assert_null (strstr (settings_text, ROSTER_DEMO_CLIENT_SECRET));
}

static void
test_add_with_pasted_token (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *token = NULL;
  g_autofree char *pasted = NULL;
  g_autofree char *tenant_id = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *settings_text = NULL;

  open_window (fixture);
  token = roster_demo_tenant_mint_token (fixture->tenant, NULL);
  pasted = g_strconcat ("Bearer ", token, "\n", NULL);
  tenant_id = add_pasted_token_tenant (fixture, "Pasted", pasted);

  /* "Bearer " and the white space are stripped before storing. */
  secret = lookup_secret (tenant_id, ROSTER_SECRET_KIND_API_TOKEN);
  g_assert_cmpstr (secret, ==, token);

  settings_text = dup_settings_text (fixture);
  g_assert_null (strstr (settings_text, token));
}

static void
test_scopes_show_missing_delete (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *token = NULL;
  RosterTenantDialog *dialog;
  const char *error_text;

  open_window (fixture);
  token = roster_demo_tenant_mint_token (fixture->tenant, READ_ONLY_SCOPES);
  dialog = fill_pasted_token (fixture, "Read only", token);
  press_save (fixture, dialog);

  /* The tenant works, so the check passes, but the dialog stays open. */
  g_assert_true (find_dialog () == dialog);
  g_assert_cmpstr (roster_tenant_dialog_get_scope_state (dialog, "delete:organization_members"), ==, "Missing");
  g_assert_cmpstr (roster_tenant_dialog_get_scope_state (dialog, "read:organizations"), ==, "Granted");
  g_assert_cmpstr (roster_tenant_dialog_get_scope_state (dialog, "read:organization_members"), ==, "Granted");
  g_assert_cmpstr (roster_tenant_dialog_get_scope_state (dialog, "read:organization_member_roles"), ==, "Granted");
  g_assert_cmpstr (roster_tenant_dialog_get_scope_state (dialog, "create:organization_members"), ==, "Missing");

  error_text = roster_tenant_dialog_get_error_text (dialog);
  g_assert_nonnull (error_text);
  g_assert_nonnull (strstr (error_text, "delete:organization_members"));
  g_assert_cmpuint (g_list_model_get_n_items (roster_tenant_manager_get_tenants (fixture->manager)), ==, 0);

  /* Saving again keeps the tenant anyway, as the button label states. */
  g_assert_nonnull (roster_test_find_widget (GTK_WIDGET (dialog),
                                             roster_test_is_mapped_button, "Add _Anyway"));
  press_save (fixture, dialog);
  wait_until (fixture, dialog_is_gone, "the dialog to close");
  wait_until (fixture, tenant_is_shown, "the tenant's organizations");
}

static void
test_expired_token_rejected_locally (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *token = NULL;
  RosterTenantDialog *dialog;
  const char *error_text;

  open_window (fixture);
  token = roster_demo_tenant_mint_token_full (fixture->tenant, NULL, NULL, -60);
  roster_demo_tenant_clear_requests (fixture->tenant);

  dialog = fill_pasted_token (fixture, "Expired", token);
  press_save (fixture, dialog);

  error_text = roster_tenant_dialog_get_error_text (dialog);
  g_assert_nonnull (error_text);
  g_assert_nonnull (strstr (error_text, "expired"));
  g_assert_cmpuint (count_api_requests (fixture), ==, 0);
}

static void
test_malformed_token_named (Fixture       *fixture,
                            gconstpointer  data)
{
  RosterTenantDialog *dialog;
  const char *error_text;

  open_window (fixture);
  dialog = fill_pasted_token (fixture, "Malformed", "not-a-token");
  press_save (fixture, dialog);

  error_text = roster_tenant_dialog_get_error_text (dialog);
  g_assert_nonnull (error_text);
  g_assert_nonnull (strstr (error_text, "three parts"));
}

static void
test_wrong_client_secret_explained (Fixture       *fixture,
                                    gconstpointer  data)
{
  RosterTenantDialog *dialog;
  const char *error_text;

  open_window (fixture);
  dialog = fill_client_credentials (fixture, "Wrong", "not-the-secret");
  press_save (fixture, dialog);

  error_text = roster_tenant_dialog_get_error_text (dialog);
  g_assert_nonnull (error_text);
  g_assert_nonnull (strstr (error_text, "client ID or client secret"));
  g_assert_cmpuint (g_list_model_get_n_items (roster_tenant_manager_get_tenants (fixture->manager)), ==, 0);
}

static void
test_missing_domain_named (Fixture       *fixture,
                           gconstpointer  data)
{
  RosterTenantDialog *dialog;
  const char *error_text;

  open_window (fixture);
  dialog = open_add_dialog (fixture);
  press_save (fixture, dialog);

  error_text = roster_tenant_dialog_get_error_text (dialog);
  g_assert_nonnull (error_text);
  g_assert_nonnull (strstr (error_text, "domain"));
}

static void
test_restart_restores_last_tenant (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *tenant_id = NULL;

  open_window (fixture);
  tenant_id = add_client_credentials_tenant (fixture, "Demo");
  close_window (fixture);

  /* A new start with the same settings and keyring, and nothing typed. */
  open_window (fixture);
  wait_until (fixture, tenant_is_shown, "the last tenant's organizations");

  g_assert_cmpstr (roster_tenant_config_get_id (roster_tenant_manager_get_current (fixture->manager)), ==,
                   tenant_id);
  g_assert_null (find_dialog ());
}

static gboolean
current_is_first (Fixture *fixture)
{
  RosterTenantConfig *current = roster_tenant_manager_get_current (fixture->manager);

  return current != NULL && g_strcmp0 (roster_tenant_config_get_label (current), "First") == 0 &&
         tenant_is_shown (fixture);
}

static gboolean
current_is_second (Fixture *fixture)
{
  RosterTenantConfig *current = roster_tenant_manager_get_current (fixture->manager);

  return current != NULL && g_strcmp0 (roster_tenant_config_get_label (current), "Second") == 0 &&
         tenant_is_shown (fixture);
}

static gboolean
second_is_forgotten (Fixture *fixture)
{
  return g_list_model_get_n_items (roster_tenant_manager_get_tenants (fixture->manager)) == 1;
}

static void
confirm_removal (Fixture *fixture)
{
  GtkWindow *confirmation;
  GtkWidget *button;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "tenant.remove", NULL);
  wait_until (fixture, confirmation_is_mapped, "the removal confirmation");

  confirmation = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  button = roster_test_find_widget (GTK_WIDGET (confirmation), roster_test_is_mapped_button, "_Remove");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static void
test_second_tenant_switch_and_remove (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *first_id = NULL;
  g_autofree char *second_id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *secret = NULL;

  open_window (fixture);
  first_id = add_client_credentials_tenant (fixture, "First");
  token = roster_demo_tenant_mint_token (fixture->tenant, NULL);
  second_id = add_pasted_token_tenant (fixture, "Second", token);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "tenant.switch", "s", first_id);
  wait_until (fixture, current_is_first, "the first tenant to show");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "tenant.switch", "s", second_id);
  wait_until (fixture, current_is_second, "the second tenant to show");

  confirm_removal (fixture);
  wait_until (fixture, second_is_forgotten, "the second tenant to be removed");
  wait_until (fixture, current_is_first, "the first tenant to show again");

  secret = lookup_secret (second_id, ROSTER_SECRET_KIND_API_TOKEN);
  g_assert_null (secret);
  secret = lookup_secret (first_id, ROSTER_SECRET_KIND_CLIENT_SECRET);
  g_assert_cmpstr (secret, ==, ROSTER_DEMO_CLIENT_SECRET);
}

static gboolean
token_expired_page_shows (Fixture *fixture)
{
  return roster_test_find_widget (GTK_WIDGET (fixture->window),
                                  roster_test_is_mapped_status_page, "Token Expired") != NULL;
}

/* The prompt replaces the view when the pasted token expires, so nothing
 * keeps sending requests that fail with 401. */
static void
test_expiring_token_prompts_for_new (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *token = NULL;
  g_autofree char *tenant_id = NULL;
  GtkWidget *button;

  open_window (fixture);
  token = roster_demo_tenant_mint_token_full (fixture->tenant, NULL, NULL, 2);
  tenant_id = add_pasted_token_tenant (fixture, "Short", token);
  roster_demo_tenant_clear_requests (fixture->tenant);

  wait_until (fixture, token_expired_page_shows, "the expired-token prompt");
  g_assert_cmpuint (count_api_requests (fixture), ==, 0);

  button = roster_test_find_widget (GTK_WIDGET (fixture->window),
                                    roster_test_is_mapped_button, "_Paste New Token…");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  wait_until (fixture, dialog_is_mapped, "the tenant dialog to map");
  g_assert_nonnull (strstr (roster_tenant_dialog_get_error_text (find_dialog ()), "expired"));
}

static gboolean
label_is_renamed (Fixture *fixture)
{
  RosterTenantConfig *current = roster_tenant_manager_get_current (fixture->manager);

  return current != NULL && g_strcmp0 (roster_tenant_config_get_label (current), "Renamed") == 0 &&
         tenant_is_shown (fixture);
}

/* The environment's tenant, as the application adds it: shown at once,
 * listed in the tenant menu, and kept out of the settings. */
static void
test_environment_tenant_unsaved (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(RosterTenantConfig) config = NULL;
  g_autoptr(RosterClient) client = NULL;
  g_autofree char *token = NULL;
  g_autofree char *settings_text = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *confirmation;
  GtkWidget *cancel_button;

  token = roster_demo_tenant_mint_token (fixture->tenant, NULL);
  config = roster_tenant_config_new ("environment", roster_demo_tenant_get_base_uri (fixture->tenant),
                                     ROSTER_AUTH_METHOD_API_TOKEN);
  client = roster_tenant_manager_create_client (config, token, &error);
  g_assert_no_error (error);

  fixture->manager = roster_tenant_manager_new (fixture->settings);
  roster_tenant_manager_add_unsaved (fixture->manager, config, client, token);
  fixture->window = roster_window_new (application, client, NULL);
  roster_window_set_tenant_manager (fixture->window, fixture->manager);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_until (fixture, tenant_is_shown, "the environment's tenant to show");

  g_assert_true (roster_tenant_manager_get_current (fixture->manager) == config);
  g_assert_false (roster_tenant_manager_is_saved (fixture->manager, "environment"));
  settings_text = dup_settings_text (fixture);
  g_assert_cmpstr (settings_text, ==, "@aa{ss} []");

  /* Removing it would delete nothing from the keyring, and the
   * confirmation states that. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "tenant.remove", NULL);
  wait_until (fixture, confirmation_is_mapped, "the removal confirmation");
  confirmation = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirmation), "Nothing was saved"));
  g_assert_null (strstr (adw_message_dialog_get_body (confirmation), "keyring"));
  cancel_button = roster_test_find_widget (GTK_WIDGET (confirmation), roster_test_is_mapped_button, "_Cancel");
  g_signal_emit_by_name (cancel_button, "clicked");
  wait_until (fixture, confirmation_is_gone, "the confirmation to close");

  /* Editing it asks for the secret again and saves it like a new tenant. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "tenant.edit", NULL);
  wait_until (fixture, dialog_is_mapped, "the tenant dialog to map");
  press_save (fixture, find_dialog ());
  g_assert_nonnull (strstr (roster_tenant_dialog_get_error_text (find_dialog ()), "Paste"));
  fill (find_dialog (), "token", token);
  press_save (fixture, find_dialog ());
  wait_until (fixture, dialog_is_gone, "the dialog to close");
  wait_until (fixture, tenant_is_shown, "the edited tenant to show");
  g_assert_true (roster_tenant_manager_is_saved (fixture->manager, "environment"));
  g_free (settings_text);
  settings_text = dup_settings_text (fixture);
  g_assert_null (strstr (settings_text, token));

  /* Adding a saved tenant next to it works as usual. */
  g_free (add_client_credentials_tenant (fixture, "Saved"));
  g_assert_cmpuint (g_list_model_get_n_items (roster_tenant_manager_get_tenants (fixture->manager)), ==, 2);
}

/* Saves a client-credentials tenant labelled @label with a manager of its
 * own, as an earlier run would have. */
static char *
save_tenant_beforehand (Fixture    *fixture,
                        const char *label)
{
  g_autoptr(RosterTenantManager) manager = roster_tenant_manager_new (fixture->settings);
  g_autofree char *tenant_id = roster_tenant_config_new_id ();
  g_autoptr(RosterTenantConfig) config = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean timed_out = FALSE;
  guint timeout_id;

  config = roster_tenant_config_new (tenant_id, roster_demo_tenant_get_base_uri (fixture->tenant),
                                     ROSTER_AUTH_METHOD_CLIENT_CREDENTIALS);
  roster_tenant_config_set_client_id (config, ROSTER_DEMO_CLIENT_ID);
  roster_tenant_config_set_label (config, label);

  roster_tenant_manager_save_async (manager, config, ROSTER_DEMO_CLIENT_SECRET, NULL, NULL,
                                    store_result_cb, &result);
  timeout_id = g_timeout_add_seconds (TIMEOUT_SECONDS, on_timeout, &timed_out);
  while (!result_arrived (&result) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);

  g_assert_true (roster_tenant_manager_save_finish (manager, result, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&tenant_id);
}

/* Appends a tenant to the settings without storing its secret. */
static char *
save_tenant_without_secret (Fixture *fixture)
{
  g_autoptr(GListStore) tenants = roster_tenant_config_load_all (fixture->settings);
  g_autoptr(RosterTenantConfig) config = NULL;
  g_autofree char *tenant_id = roster_tenant_config_new_id ();

  config = roster_tenant_config_new (tenant_id, roster_demo_tenant_get_base_uri (fixture->tenant),
                                     ROSTER_AUTH_METHOD_CLIENT_CREDENTIALS);
  roster_tenant_config_set_client_id (config, ROSTER_DEMO_CLIENT_ID);
  g_list_store_append (tenants, config);
  roster_tenant_config_save_all (fixture->settings, G_LIST_MODEL (tenants));

  return g_steal_pointer (&tenant_id);
}

static gboolean
cannot_open_page_shows (Fixture *fixture)
{
  return roster_test_find_widget (GTK_WIDGET (fixture->window),
                                  roster_test_is_mapped_status_page, "Cannot Open the Tenant") != NULL;
}

/* A saved tenant whose secret is gone from the keyring gets a page that
 * offers to edit it. Removing it brings back a tenant that works, even
 * while another tenant is still the current one. */
static void
test_missing_secret_then_remove (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *first_id = save_tenant_beforehand (fixture, "First");
  g_autofree char *broken_id = save_tenant_without_secret (fixture);

  g_settings_set_string (fixture->settings, "last-tenant", broken_id);
  open_window (fixture);
  wait_until (fixture, cannot_open_page_shows, "the missing-secret page");
  g_assert_nonnull (roster_test_find_widget (GTK_WIDGET (fixture->window),
                                             roster_test_is_mapped_button, "_Edit Tenant…"));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "tenant.switch", "s", first_id);
  wait_until (fixture, current_is_first, "the first tenant to show");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "tenant.switch", "s", broken_id);
  wait_until (fixture, cannot_open_page_shows, "the missing-secret page again");

  confirm_removal (fixture);
  wait_until (fixture, current_is_first, "the first tenant to show after the removal");
  g_assert_cmpuint (g_list_model_get_n_items (roster_tenant_manager_get_tenants (fixture->manager)), ==, 1);
}

/* Editing with the secret field left empty keeps the stored secret. */
static void
test_edit_keeps_stored_secret (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *tenant_id = NULL;
  g_autofree char *secret = NULL;
  RosterTenantDialog *dialog;
  GtkEditable *domain;

  open_window (fixture);
  tenant_id = add_client_credentials_tenant (fixture, "Demo");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "tenant.edit", NULL);
  wait_until (fixture, dialog_is_mapped, "the tenant dialog to map");
  dialog = find_dialog ();

  domain = roster_tenant_dialog_get_entry (dialog, "domain");
  g_assert_cmpstr (gtk_editable_get_text (domain), ==, roster_demo_tenant_get_base_uri (fixture->tenant));
  g_assert_cmpstr (gtk_editable_get_text (roster_tenant_dialog_get_entry (dialog, "client-secret")), ==, "");

  fill (dialog, "label", "Renamed");
  press_save (fixture, dialog);
  wait_until (fixture, dialog_is_gone, "the dialog to close");
  wait_until (fixture, label_is_renamed, "the renamed tenant to show");

  g_assert_cmpstr (roster_tenant_config_get_id (roster_tenant_manager_get_current (fixture->manager)), ==,
                   tenant_id);
  g_assert_cmpuint (g_list_model_get_n_items (roster_tenant_manager_get_tenants (fixture->manager)), ==, 1);
  secret = lookup_secret (tenant_id, ROSTER_SECRET_KIND_CLIENT_SECRET);
  g_assert_cmpstr (secret, ==, ROSTER_DEMO_CLIENT_SECRET);
}

/* The keyring-unavailable tests run in their own meson test, whose
 * SECRET_FILE_TEST_PATH lies under a regular file, so every store fails. */
static gboolean
skip_unless_keyring_broken (void)
{
  if (g_strcmp0 (g_getenv ("ROSTER_TEST_KEYRING_BROKEN"), "1") == 0)
    return FALSE;

  g_test_skip ("needs a keyring that cannot store");
  return TRUE;
}

static gboolean
tenant_is_unsaved_and_shown (Fixture *fixture)
{
  RosterTenantConfig *current = roster_tenant_manager_get_current (fixture->manager);

  return current != NULL &&
         !roster_tenant_manager_is_saved (fixture->manager, roster_tenant_config_get_id (current)) &&
         tenant_is_shown (fixture);
}

static void
test_keyring_failure_offers_this_run (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *settings_text = NULL;
  RosterTenantDialog *dialog;
  const char *error_text;

  if (skip_unless_keyring_broken ())
    return;

  open_window (fixture);
  dialog = fill_client_credentials (fixture, "Unsaved", ROSTER_DEMO_CLIENT_SECRET);
  press_save (fixture, dialog);

  error_text = roster_tenant_dialog_get_error_text (dialog);
  g_assert_nonnull (error_text);
  g_assert_nonnull (strstr (error_text, "keyring"));
  g_assert_nonnull (roster_test_find_widget (GTK_WIDGET (dialog),
                                             roster_test_is_mapped_button, "_Use for This Run Only"));
  g_assert_cmpuint (g_list_model_get_n_items (roster_tenant_manager_get_tenants (fixture->manager)), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "tenant-dialog.use-once", NULL);
  wait_until (fixture, dialog_is_gone, "the dialog to close");
  wait_until (fixture, tenant_is_unsaved_and_shown, "the unsaved tenant to show");

  settings_text = dup_settings_text (fixture);
  g_assert_cmpstr (settings_text, ==, "@aa{ss} []");
}

static gboolean
keyring_problem_shows (Fixture *fixture)
{
  return roster_test_find_widget (GTK_WIDGET (fixture->window),
                                  roster_test_is_mapped_status_page, "Keyring Unavailable") != NULL;
}

static void
test_keyring_failure_at_start_explained (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(GListStore) tenants = g_list_store_new (ROSTER_TYPE_TENANT_CONFIG);
  g_autoptr(RosterTenantConfig) config = NULL;

  if (skip_unless_keyring_broken ())
    return;

  config = roster_tenant_config_new ("saved", roster_demo_tenant_get_base_uri (fixture->tenant),
                                     ROSTER_AUTH_METHOD_CLIENT_CREDENTIALS);
  roster_tenant_config_set_client_id (config, ROSTER_DEMO_CLIENT_ID);
  g_list_store_append (tenants, config);
  roster_tenant_config_save_all (fixture->settings, G_LIST_MODEL (tenants));
  g_settings_set_string (fixture->settings, "last-tenant", "saved");

  open_window (fixture);
  wait_until (fixture, keyring_problem_shows, "the keyring problem to show");
  g_assert_cmpuint (count_api_requests (fixture), ==, 0);
}

/* Auth0 can reject a pasted token as expired before the local clock
 * reaches its "exp": the same prompt replaces the failing view. */
static void
test_expired_token_response_prompts (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *token = NULL;
  g_autofree char *tenant_id = NULL;

  open_window (fixture);
  token = roster_demo_tenant_mint_token (fixture->tenant, NULL);
  tenant_id = add_pasted_token_tenant (fixture, "Rejected", token);

  roster_demo_tenant_inject_failure (fixture->tenant, "GET", "/api/v2/organizations", 401, NULL,
                                     "Expired token received for JSON Web Token validation");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  wait_until (fixture, token_expired_page_shows, "the expired-token prompt");

  roster_demo_tenant_clear_requests (fixture->tenant);
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (count_api_requests (fixture), ==, 0);
  g_assert_nonnull (roster_test_find_widget (GTK_WIDGET (fixture->window),
                                             roster_test_is_mapped_button, "_Paste New Token…"));
}

static void
assert_not_logged (const char *secret,
                   const char *what)
{
  if (strstr (captured_log->str, secret) != NULL)
    g_error ("The log contains the %s", what);
}

static void
test_no_secret_in_debug_log (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *token = NULL;
  g_autofree char *tenant_id = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RosterClient) client = NULL;
  char *client_token;
  g_autoptr(GError) error = NULL;
  gboolean timed_out = FALSE;
  guint timeout_id;

  g_string_truncate (captured_log, 0);

  open_window (fixture);
  tenant_id = add_client_credentials_tenant (fixture, "Logged");
  token = roster_demo_tenant_mint_token (fixture->tenant, NULL);
  g_free (add_pasted_token_tenant (fixture, "Logged token", token));

  /* The token the client obtained with the client secret. */
  roster_tenant_manager_open_async (fixture->manager, tenant_id, NULL, store_result_cb, &result);
  timeout_id = g_timeout_add_seconds (TIMEOUT_SECONDS, on_timeout, &timed_out);
  while (!result_arrived (&result) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);
  client = roster_tenant_manager_open_finish (fixture->manager, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  roster_client_get_access_token_async (client, NULL, store_result_cb, &result);
  while (!result_arrived (&result))
    g_main_context_iteration (NULL, TRUE);
  client_token = roster_client_get_access_token_finish (client, result, &error);
  g_assert_no_error (error);

  /* The debug lines were captured, requests included. */
  g_assert_nonnull (strstr (captured_log->str, "/oauth/token"));
  g_assert_nonnull (strstr (captured_log->str, "/api/v2/organizations"));

  assert_not_logged (ROSTER_DEMO_CLIENT_SECRET, "client secret");
  assert_not_logged (token, "pasted token");
  assert_not_logged (client_token, "token from the client credentials");
  assert_not_logged ("Bearer ", "Authorization header");

  roster_client_free_token (client_token);
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

  captured_log = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  application = GTK_APPLICATION (adw_application_new ("io.github.roster_app.Roster.TenantTest",
                                                      G_APPLICATION_NON_UNIQUE));
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  add_test ("/tenant-window/first-run", test_first_run_shows_no_tenants);
  add_test ("/tenant-window/add/client-credentials", test_add_with_client_credentials);
  add_test ("/tenant-window/add/pasted-token", test_add_with_pasted_token);
  add_test ("/tenant-window/add/missing-delete-scope", test_scopes_show_missing_delete);
  add_test ("/tenant-window/add/expired-token", test_expired_token_rejected_locally);
  add_test ("/tenant-window/add/malformed-token", test_malformed_token_named);
  add_test ("/tenant-window/add/wrong-client-secret", test_wrong_client_secret_explained);
  add_test ("/tenant-window/add/missing-domain", test_missing_domain_named);
  add_test ("/tenant-window/restart", test_restart_restores_last_tenant);
  add_test ("/tenant-window/second-tenant", test_second_tenant_switch_and_remove);
  add_test ("/tenant-window/token-expiry-prompt", test_expiring_token_prompts_for_new);
  add_test ("/tenant-window/no-secret-in-log", test_no_secret_in_debug_log);
  add_test ("/tenant-window/edit-keeps-secret", test_edit_keeps_stored_secret);
  add_test ("/tenant-window/environment-tenant", test_environment_tenant_unsaved);
  add_test ("/tenant-window/missing-secret-remove", test_missing_secret_then_remove);
  add_test ("/tenant-window/expired-token-response", test_expired_token_response_prompts);
  add_test ("/tenant-window/keyring/save-fails", test_keyring_failure_offers_this_run);
  add_test ("/tenant-window/keyring/open-fails", test_keyring_failure_at_start_explained);

  status = g_test_run ();

  g_clear_object (&application);
  g_string_free (captured_log, TRUE);

  return status;
}
