/* test-environment.c: reading the tenant and credentials from AUTH0_*
 * variables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-environment.h"

#define SECRET "s3cr3t-value-never-shown"

static void
assert_fails (const char * const *environment,
              int                 code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterClient) client = NULL;

  client = roster_environment_create_client (environment, &error);

  g_assert_null (client);
  g_assert_error (error, ROSTER_ENVIRONMENT_ERROR, code);
  g_assert_null (strstr (error->message, SECRET));
}

static void
test_unset (void)
{
  const char *empty[] = { "HOME=/nonexistent", NULL };
  const char *blank[] = { "AUTH0_DOMAIN=", "AUTH0_API_TOKEN=", NULL };

  assert_fails (empty, ROSTER_ENVIRONMENT_ERROR_UNSET);
  assert_fails (blank, ROSTER_ENVIRONMENT_ERROR_UNSET);
}

static void
test_token (void)
{
  const char *environment[] = { "AUTH0_DOMAIN=travel0.us.auth0.com", "AUTH0_API_TOKEN=" SECRET, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterClient) client = NULL;

  client = roster_environment_create_client (environment, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (roster_client_get_base_uri (client), ==, "https://travel0.us.auth0.com");
}

static void
test_client_credentials (void)
{
  const char *environment[] = {
    "AUTH0_DOMAIN=http://127.0.0.1:8080",
    "AUTH0_CLIENT_ID=client",
    "AUTH0_CLIENT_SECRET=" SECRET,
    NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterClient) client = NULL;

  client = roster_environment_create_client (environment, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (roster_client_get_base_uri (client), ==, "http://127.0.0.1:8080");
}

static void
test_half_set_credentials (void)
{
  const char *id_only[] = { "AUTH0_DOMAIN=travel0.us.auth0.com", "AUTH0_CLIENT_ID=client", NULL };
  const char *secret_only[] = { "AUTH0_DOMAIN=travel0.us.auth0.com", "AUTH0_CLIENT_SECRET=" SECRET, NULL };
  const char *with_token[] = {
    "AUTH0_DOMAIN=travel0.us.auth0.com",
    "AUTH0_API_TOKEN=" SECRET,
    "AUTH0_CLIENT_ID=client",
    NULL
  };

  assert_fails (id_only, ROSTER_ENVIRONMENT_ERROR_INCOMPLETE_CREDENTIALS);
  assert_fails (secret_only, ROSTER_ENVIRONMENT_ERROR_INCOMPLETE_CREDENTIALS);
  assert_fails (with_token, ROSTER_ENVIRONMENT_ERROR_INCOMPLETE_CREDENTIALS);
}

static void
test_missing_parts (void)
{
  const char *no_domain[] = { "AUTH0_API_TOKEN=" SECRET, NULL };
  const char *no_credentials[] = { "AUTH0_DOMAIN=travel0.us.auth0.com", NULL };

  assert_fails (no_domain, ROSTER_ENVIRONMENT_ERROR_MISSING_DOMAIN);
  assert_fails (no_credentials, ROSTER_ENVIRONMENT_ERROR_MISSING_CREDENTIALS);
}

static void
test_invalid_domain_names_value (void)
{
  const char *environment[] = { "AUTH0_DOMAIN=http://tenant.example.com", "AUTH0_API_TOKEN=" SECRET, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterClient) client = NULL;

  client = roster_environment_create_client (environment, &error);

  g_assert_null (client);
  g_assert_error (error, ROSTER_ENVIRONMENT_ERROR, ROSTER_ENVIRONMENT_ERROR_INVALID_DOMAIN);
  g_assert_true (g_str_has_prefix (error->message, "AUTH0_DOMAIN is invalid: "));
  g_assert_nonnull (strstr (error->message, "tenant.example.com"));
  g_assert_null (strstr (error->message, SECRET));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/environment/unset", test_unset);
  g_test_add_func ("/environment/token", test_token);
  g_test_add_func ("/environment/client-credentials", test_client_credentials);
  g_test_add_func ("/environment/half-set-credentials", test_half_set_credentials);
  g_test_add_func ("/environment/missing-parts", test_missing_parts);
  g_test_add_func ("/environment/invalid-domain", test_invalid_domain_names_value);

  return g_test_run ();
}
