/* test-tenant-manager.c: saved tenants, their secrets in libsecret's file
 * backend, and their clients against the demo tenant in this process. meson
 * sets SECRET_BACKEND=file, SECRET_FILE_TEST_PATH, SECRET_FILE_TEST_PASSWORD
 * and GSETTINGS_BACKEND=memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-demo-tenant.h"
#include "roster-secret-store.h"
#include "roster-tenant-manager.h"

#define TIMEOUT_SECONDS 10

typedef struct
{
  RosterDemoTenant    *tenant;
  GSettings           *settings;
  RosterTenantManager *manager;
} Fixture;

static gboolean
on_timeout (gpointer user_data)
{
  g_error ("Timed out after %d seconds", TIMEOUT_SECONDS);
  return G_SOURCE_REMOVE;
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  guint timeout_id = g_timeout_add_seconds (TIMEOUT_SECONDS, on_timeout, NULL);

  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timeout_id);
  return *result;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **result_out = user_data;

  *result_out = g_object_ref (result);
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
  fixture->manager = roster_tenant_manager_new (fixture->settings);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->manager);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->tenant);
}

static RosterTenantConfig *
new_demo_config (Fixture          *fixture,
                 RosterAuthMethod  method)
{
  g_autofree char *tenant_id = roster_tenant_config_new_id ();
  RosterTenantConfig *config;

  config = roster_tenant_config_new (tenant_id, roster_demo_tenant_get_base_uri (fixture->tenant), method);
  if (method == ROSTER_AUTH_METHOD_CLIENT_CREDENTIALS)
    roster_tenant_config_set_client_id (config, ROSTER_DEMO_CLIENT_ID);

  return config;
}

static void
save_tenant (Fixture            *fixture,
             RosterTenantConfig *config,
             const char         *secret)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  roster_tenant_manager_save_async (fixture->manager, config, secret, NULL, NULL, store_result_cb, &result);
  g_assert_true (roster_tenant_manager_save_finish (fixture->manager, wait_for_result (&result), &error));
  g_assert_no_error (error);
}

static RosterClient *
open_tenant (Fixture     *fixture,
             const char  *tenant_id,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_tenant_manager_open_async (fixture->manager, tenant_id, NULL, store_result_cb, &result);
  return roster_tenant_manager_open_finish (fixture->manager, wait_for_result (&result), error);
}

static guint
count_organizations (RosterClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) organizations = NULL;
  g_autoptr(GError) error = NULL;

  roster_client_fetch_page_async (client, "/api/v2/organizations?take=1", "organizations",
                                  ROSTER_TYPE_ORGANIZATION, NULL, store_result_cb, &result);
  organizations = roster_client_fetch_page_finish (client, wait_for_result (&result), NULL, &error);
  g_assert_no_error (error);

  return organizations->len;
}

static char *
lookup_secret (const char       *tenant_id,
               RosterSecretKind  kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  roster_secret_store_lookup_async (tenant_id, kind, NULL, store_result_cb, &result);
  secret = roster_secret_store_lookup_finish (wait_for_result (&result), &error);
  g_assert_no_error (error);

  return secret;
}

static guint
count_token_requests (Fixture *fixture)
{
  GPtrArray *requests = roster_demo_tenant_get_requests (fixture->tenant);
  guint count = 0;

  for (guint i = 0; i < requests->len; i++)
    {
      RosterDemoRequest *request = g_ptr_array_index (requests, i);

      if (g_str_equal (request->path, "/oauth/token"))
        count++;
    }

  return count;
}

static void
assert_last_tenant (Fixture    *fixture,
                    const char *expected)
{
  g_autofree char *tenant_id = g_settings_get_string (fixture->settings, "last-tenant");

  g_assert_cmpstr (tenant_id, ==, expected);
}

static void
test_restart_reopens_last_tenant (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(RosterTenantConfig) config = new_demo_config (fixture, ROSTER_AUTH_METHOD_CLIENT_CREDENTIALS);
  const char *tenant_id = roster_tenant_config_get_id (config);
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(GError) error = NULL;

  save_tenant (fixture, config, ROSTER_DEMO_CLIENT_SECRET);
  client = open_tenant (fixture, tenant_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_organizations (client), ==, 1);
  g_clear_object (&client);

  /* A new start: only the settings and the keyring carry over. */
  g_assert_finalize_object (fixture->manager);
  fixture->manager = roster_tenant_manager_new (fixture->settings);

  g_assert_cmpstr (roster_tenant_manager_get_last_tenant_id (fixture->manager), ==, tenant_id);
  client = open_tenant (fixture, tenant_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_organizations (client), ==, 1);
  g_assert_cmpstr (roster_tenant_config_get_id (roster_tenant_manager_get_current (fixture->manager)), ==,
                   tenant_id);
}

static void
test_settings_hold_no_secret (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(RosterTenantConfig) config = new_demo_config (fixture, ROSTER_AUTH_METHOD_API_TOKEN);
  g_autofree char *token = roster_demo_tenant_mint_token (fixture->tenant, NULL);
  g_autoptr(GVariant) tenants = NULL;
  g_autofree char *printed = NULL;

  save_tenant (fixture, config, token);

  tenants = g_settings_get_value (fixture->settings, "tenants");
  printed = g_variant_print (tenants, TRUE);
  g_assert_nonnull (strstr (printed, roster_tenant_config_get_id (config)));
  g_assert_null (strstr (printed, token));
}

static void
test_remove_deletes_secret (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(RosterTenantConfig) first = new_demo_config (fixture, ROSTER_AUTH_METHOD_CLIENT_CREDENTIALS);
  g_autoptr(RosterTenantConfig) second = new_demo_config (fixture, ROSTER_AUTH_METHOD_API_TOKEN);
  g_autofree char *token = roster_demo_tenant_mint_token (fixture->tenant, NULL);
  g_autofree char *second_id = g_strdup (roster_tenant_config_get_id (second));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  save_tenant (fixture, first, ROSTER_DEMO_CLIENT_SECRET);
  save_tenant (fixture, second, token);
  client = open_tenant (fixture, second_id, &error);
  g_assert_no_error (error);

  roster_tenant_manager_remove_async (fixture->manager, second_id, NULL, store_result_cb, &result);
  g_assert_true (roster_tenant_manager_remove_finish (fixture->manager, wait_for_result (&result), &error));
  g_assert_no_error (error);

  g_assert_null (lookup_secret (second_id, ROSTER_SECRET_KIND_API_TOKEN));
  g_assert_null (roster_tenant_manager_find (fixture->manager, second_id));
  g_assert_null (roster_tenant_manager_get_current (fixture->manager));
  assert_last_tenant (fixture, "");
  g_assert_cmpuint (g_list_model_get_n_items (roster_tenant_manager_get_tenants (fixture->manager)), ==, 1);

  secret = lookup_secret (roster_tenant_config_get_id (first), ROSTER_SECRET_KIND_CLIENT_SECRET);
  g_assert_cmpstr (secret, ==, ROSTER_DEMO_CLIENT_SECRET);
  roster_secret_store_free_secret (secret);
}

/* The manager keeps one client per tenant, so switching back and forth and
 * many calls still cost one token. */
static void
test_token_reused_across_opens (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(RosterTenantConfig) config = new_demo_config (fixture, ROSTER_AUTH_METHOD_CLIENT_CREDENTIALS);
  const char *tenant_id = roster_tenant_config_get_id (config);
  g_autoptr(GError) error = NULL;

  save_tenant (fixture, config, ROSTER_DEMO_CLIENT_SECRET);
  roster_demo_tenant_clear_requests (fixture->tenant);

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(RosterClient) client = open_tenant (fixture, tenant_id, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (count_organizations (client), ==, 1);
    }

  g_assert_cmpuint (count_token_requests (fixture), ==, 1);
}

static void
test_custom_domain_keeps_audience (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(RosterTenantConfig) config = NULL;
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *requests;
  RosterDemoRequest *token_request;

  /* The demo tenant serves as the custom domain, and the canonical domain
   * only names the audience. */
  config = roster_tenant_config_new ("custom", "travel0.us.auth0.com", ROSTER_AUTH_METHOD_CLIENT_CREDENTIALS);
  roster_tenant_config_set_api_host (config, roster_demo_tenant_get_base_uri (fixture->tenant));
  roster_tenant_config_set_client_id (config, ROSTER_DEMO_CLIENT_ID);

  client = roster_tenant_manager_create_client (config, ROSTER_DEMO_CLIENT_SECRET, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (roster_client_get_base_uri (client), ==, roster_demo_tenant_get_base_uri (fixture->tenant));
  g_assert_cmpuint (count_organizations (client), ==, 1);

  requests = roster_demo_tenant_get_requests (fixture->tenant);
  token_request = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (token_request->path, ==, "/oauth/token");
  g_assert_nonnull (strstr (token_request->body, "travel0.us.auth0.com"));
}

static void
test_invalid_domain_rejected (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(RosterTenantConfig) config = NULL;
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(GError) error = NULL;

  config = roster_tenant_config_new ("bad", "http://example.com", ROSTER_AUTH_METHOD_API_TOKEN);
  client = roster_tenant_manager_create_client (config, "token", &error);

  g_assert_null (client);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_DOMAIN);
}

static void
test_expired_pasted_token_reported (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(RosterTenantConfig) config = new_demo_config (fixture, ROSTER_AUTH_METHOD_API_TOKEN);
  g_autofree char *token = roster_demo_tenant_mint_token_full (fixture->tenant, NULL, NULL, -60);
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(GError) error = NULL;

  save_tenant (fixture, config, token);
  roster_demo_tenant_clear_requests (fixture->tenant);

  client = open_tenant (fixture, roster_tenant_config_get_id (config), &error);

  g_assert_null (client);
  g_assert_error (error, ROSTER_TENANT_MANAGER_ERROR, ROSTER_TENANT_MANAGER_ERROR_TOKEN_EXPIRED);
  g_assert_cmpuint (roster_demo_tenant_get_requests (fixture->tenant)->len, ==, 0);
}

static void
test_pasted_token_expiry_known (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(RosterTenantConfig) config = new_demo_config (fixture, ROSTER_AUTH_METHOD_API_TOKEN);
  g_autofree char *token = roster_demo_tenant_mint_token_full (fixture->tenant, NULL, NULL, 3600);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 expires_at;

  save_tenant (fixture, config, token);
  expires_at = roster_tenant_manager_get_token_expiry (fixture->manager, roster_tenant_config_get_id (config));

  g_assert_cmpint (expires_at, >=, now + 3590);
  g_assert_cmpint (expires_at, <=, now + 3610);
}

static void
test_unsaved_tenant_stays_out_of_settings (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autoptr(RosterTenantConfig) config = new_demo_config (fixture, ROSTER_AUTH_METHOD_API_TOKEN);
  g_autofree char *token = roster_demo_tenant_mint_token (fixture->tenant, NULL);
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(RosterClient) opened = NULL;
  g_autoptr(GVariant) tenants = NULL;
  g_autoptr(GError) error = NULL;

  client = roster_tenant_manager_create_client (config, token, &error);
  g_assert_no_error (error);
  roster_tenant_manager_add_unsaved (fixture->manager, config, client, token);

  tenants = g_settings_get_value (fixture->settings, "tenants");
  g_assert_cmpuint (g_variant_n_children (tenants), ==, 0);
  g_assert_false (roster_tenant_manager_is_saved (fixture->manager, roster_tenant_config_get_id (config)));
  g_assert_cmpint (roster_tenant_manager_get_token_expiry (fixture->manager, roster_tenant_config_get_id (config)), >,
                   g_get_real_time () / G_USEC_PER_SEC);
  g_assert_true (roster_tenant_manager_get_current (fixture->manager) == config);

  opened = open_tenant (fixture, roster_tenant_config_get_id (config), &error);
  g_assert_no_error (error);
  g_assert_true (opened == client);
  assert_last_tenant (fixture, "");
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
  g_test_init (&argc, &argv, NULL);

  add_test ("/tenant-manager/restart-reopens-last", test_restart_reopens_last_tenant);
  add_test ("/tenant-manager/settings-hold-no-secret", test_settings_hold_no_secret);
  add_test ("/tenant-manager/remove-deletes-secret", test_remove_deletes_secret);
  add_test ("/tenant-manager/token-reused-across-opens", test_token_reused_across_opens);
  add_test ("/tenant-manager/custom-domain-audience", test_custom_domain_keeps_audience);
  add_test ("/tenant-manager/invalid-domain", test_invalid_domain_rejected);
  add_test ("/tenant-manager/expired-pasted-token", test_expired_pasted_token_reported);
  add_test ("/tenant-manager/pasted-token-expiry", test_pasted_token_expiry_known);
  add_test ("/tenant-manager/unsaved-tenant", test_unsaved_tenant_stays_out_of_settings);

  return g_test_run ();
}
