/* test-tenant-config.c: saved tenants in GSettings, without secrets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-scopes.h"
#include "roster-tenant-config.h"

static void
test_tenant_config_round_trip (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GListStore) saved = g_list_store_new (ROSTER_TYPE_TENANT_CONFIG);
  g_autoptr(GListStore) loaded = NULL;
  g_autoptr(RosterTenantConfig) first = NULL;
  g_autoptr(RosterTenantConfig) second = NULL;
  g_autoptr(RosterTenantConfig) loaded_first = NULL;
  g_autoptr(RosterTenantConfig) loaded_second = NULL;

  first = roster_tenant_config_new ("id-1", "travel0.us.auth0.com", ROSTER_AUTH_METHOD_CLIENT_CREDENTIALS);
  roster_tenant_config_set_client_id (first, "abc123");
  roster_tenant_config_set_api_host (first, "login.travel0.example");
  roster_tenant_config_set_label (first, "Travel0 & <Production>");
  second = roster_tenant_config_new ("id-2", "dev.eu.auth0.com", ROSTER_AUTH_METHOD_API_TOKEN);
  g_list_store_append (saved, first);
  g_list_store_append (saved, second);

  roster_tenant_config_save_all (settings, G_LIST_MODEL (saved));
  loaded = roster_tenant_config_load_all (settings);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded)), ==, 2);
  loaded_first = g_list_model_get_item (G_LIST_MODEL (loaded), 0);
  loaded_second = g_list_model_get_item (G_LIST_MODEL (loaded), 1);

  g_assert_cmpstr (roster_tenant_config_get_id (loaded_first), ==, "id-1");
  g_assert_cmpstr (roster_tenant_config_get_domain (loaded_first), ==, "travel0.us.auth0.com");
  g_assert_cmpstr (roster_tenant_config_get_api_host (loaded_first), ==, "login.travel0.example");
  g_assert_cmpstr (roster_tenant_config_get_client_id (loaded_first), ==, "abc123");
  g_assert_cmpstr (roster_tenant_config_get_title (loaded_first), ==, "Travel0 & <Production>");
  g_assert_cmpint (roster_tenant_config_get_auth_method (loaded_first), ==, ROSTER_AUTH_METHOD_CLIENT_CREDENTIALS);

  g_assert_cmpstr (roster_tenant_config_get_id (loaded_second), ==, "id-2");
  g_assert_null (roster_tenant_config_get_api_host (loaded_second));
  g_assert_null (roster_tenant_config_get_client_id (loaded_second));
  g_assert_cmpstr (roster_tenant_config_get_title (loaded_second), ==, "dev.eu.auth0.com");
  g_assert_cmpint (roster_tenant_config_get_auth_method (loaded_second), ==, ROSTER_AUTH_METHOD_API_TOKEN);

  g_settings_reset (settings, "tenants");
}

static void
test_tenant_config_skips_incomplete (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GListStore) loaded = NULL;
  GVariant *value;

  value = g_variant_new_parsed ("[{'id': 'only-id'}, {'domain': 'only.domain'},"
                                " {'id': 'ok', 'domain': 'ok.us.auth0.com', 'auth-method': 'unknown'}]");
  g_settings_set_value (settings, "tenants", value);

  g_test_expect_message ("Roster", G_LOG_LEVEL_WARNING, "*without an id or domain*");
  g_test_expect_message ("Roster", G_LOG_LEVEL_WARNING, "*without an id or domain*");
  loaded = roster_tenant_config_load_all (settings);
  g_test_assert_expected_messages ();

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded)), ==, 1);

  g_settings_reset (settings, "tenants");
}

static void
test_tenant_config_empty_strings_unset (void)
{
  g_autoptr(RosterTenantConfig) tenant = NULL;

  tenant = roster_tenant_config_new ("id", "x.us.auth0.com", ROSTER_AUTH_METHOD_API_TOKEN);
  roster_tenant_config_set_label (tenant, "Label");
  roster_tenant_config_set_label (tenant, "");

  g_assert_null (roster_tenant_config_get_label (tenant));
  g_assert_cmpstr (roster_tenant_config_get_title (tenant), ==, "x.us.auth0.com");
}

static void
test_scopes_missing_required (void)
{
  const char *all[] = { "read:organizations", "read:organization_members",
                        "delete:organization_members", NULL };
  const char *summary[] = { "read:organizations_summary", "read:organization_members", NULL };
  g_auto(GStrv) none_missing = roster_scopes_missing_required (all);
  g_auto(GStrv) delete_missing = roster_scopes_missing_required (summary);

  g_assert_cmpuint (g_strv_length (none_missing), ==, 0);
  g_assert_cmpuint (g_strv_length (delete_missing), ==, 1);
  g_assert_cmpstr (delete_missing[0], ==, "delete:organization_members");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tenant-config/round-trip", test_tenant_config_round_trip);
  g_test_add_func ("/tenant-config/skips-incomplete", test_tenant_config_skips_incomplete);
  g_test_add_func ("/tenant-config/empty-strings-unset", test_tenant_config_empty_strings_unset);
  g_test_add_func ("/scopes/missing-required", test_scopes_missing_required);

  return g_test_run ();
}
