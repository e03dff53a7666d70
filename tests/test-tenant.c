/* test-tenant.c: tenant domain parsing and the ROSTER_API_ERROR accessors.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "roster-api.h"

typedef struct
{
  const char *domain;
  const char *base_uri;  /* NULL: the domain must be rejected */
} DomainCase;

static const DomainCase domain_cases[] = {
  { "travel0.us.auth0.com", "https://travel0.us.auth0.com" },
  { "https://travel0.us.auth0.com/", "https://travel0.us.auth0.com" },
  { "https://travel0.us.auth0.com", "https://travel0.us.auth0.com" },
  { "HTTPS://Travel0.US.Auth0.com", "https://travel0.us.auth0.com" },
  { "  travel0.us.auth0.com\n", "https://travel0.us.auth0.com" },
  { "https://travel0.us.auth0.com:443/", "https://travel0.us.auth0.com" },
  { "https://travel0.us.auth0.com:8443", "https://travel0.us.auth0.com:8443" },
  { "travel0.auth0.com", "https://travel0.auth0.com" },
  { "login.example-corp.com", "https://login.example-corp.com" },
  { "http://127.0.0.1:8080", "http://127.0.0.1:8080" },
  { "http://127.0.0.1:8080/", "http://127.0.0.1:8080" },
  { "http://127.45.6.7:9000", "http://127.45.6.7:9000" },
  { "http://localhost:3000", "http://localhost:3000" },
  { "http://LocalHost:3000", "http://localhost:3000" },
  { "http://[::1]:8080", "http://[::1]:8080" },
  { "[::1]:8443", "https://[::1]:8443" },
  { "127.0.0.1:8443", "https://127.0.0.1:8443" },

  { "", NULL },
  { "   ", NULL },
  { "http://travel0.us.auth0.com", NULL },
  { "http://10.0.0.1:8080", NULL },
  { "http://128.0.0.1:8080", NULL },
  { "http://[::2]:8080", NULL },
  { "http://localhost.example.com", NULL },
  { "ftp://travel0.us.auth0.com", NULL },
  { "travel0.us.auth0.com/api/v2", NULL },
  { "https://travel0.us.auth0.com/api/v2/", NULL },
  { "https://travel0.us.auth0.com/?tenant=1", NULL },
  { "https://travel0.us.auth0.com#members", NULL },
  { "admin@travel0.us.auth0.com", NULL },
  { "https://admin:secret@travel0.us.auth0.com", NULL },
  { "travel0 .us.auth0.com", NULL },
  { "travel0.us.auth0.com extra", NULL },
  { "travel0\t.us.auth0.com", NULL },
  { "https://", NULL },
  { "https:///", NULL },
  { "travel0..auth0.com", NULL },
  { "-travel0.auth0.com", NULL },
  { "travel0-.auth0.com", NULL },
  { "travel_0.auth0.com", NULL },
  { "travel0.us.auth0.com:99999", NULL },
  { "travel0.us.auth0.com:port", NULL },
};

static void
test_domain_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (domain_cases); i++)
    {
      const DomainCase *domain_case = &domain_cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *base_uri = NULL;

      g_test_message ("domain “%s”", domain_case->domain);
      base_uri = roster_tenant_parse_domain (domain_case->domain, &error);

      if (domain_case->base_uri != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (base_uri, ==, domain_case->base_uri);
        }
      else
        {
          g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_DOMAIN);
          g_assert_null (base_uri);
        }
    }
}

static void
test_domain_message_names_value (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base_uri = NULL;

  base_uri = roster_tenant_parse_domain ("travel0.us.auth0.com/api", &error);
  g_assert_null (base_uri);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_DOMAIN);
  g_assert_nonnull (strstr (error->message, "“travel0.us.auth0.com/api”"));
  g_assert_nonnull (strstr (error->message, "travel0.us.auth0.com."));
}

static void
test_domain_http_message (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base_uri = NULL;

  base_uri = roster_tenant_parse_domain ("http://travel0.us.auth0.com", &error);
  g_assert_null (base_uri);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_DOMAIN);
  g_assert_nonnull (strstr (error->message, "“http://travel0.us.auth0.com”"));
  g_assert_nonnull (strstr (error->message, "https"));
}

static void
test_domain_empty_message (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base_uri = NULL;

  base_uri = roster_tenant_parse_domain ("  ", &error);
  g_assert_null (base_uri);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_DOMAIN);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_audience (void)
{
  const struct {
    const char *base_uri;
    const char *audience;
  } cases[] = {
    { "https://travel0.us.auth0.com", "https://travel0.us.auth0.com/api/v2/" },
    { "https://travel0.us.auth0.com:8443", "https://travel0.us.auth0.com:8443/api/v2/" },
    { "http://127.0.0.1:8080", "https://127.0.0.1:8080/api/v2/" },
    { "http://localhost:3000", "https://localhost:3000/api/v2/" },
    { "http://[::1]:8080", "https://[::1]:8080/api/v2/" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *audience = roster_tenant_get_audience (cases[i].base_uri);

      g_assert_cmpstr (audience, ==, cases[i].audience);
    }
}

static void
test_loopback (void)
{
  const struct {
    const char *host;
    gboolean    loopback;
  } cases[] = {
    { "127.0.0.1", TRUE },
    { "127.255.255.254", TRUE },
    { "127.1.2.3", TRUE },
    { "::1", TRUE },
    { "[::1]", TRUE },
    { "localhost", TRUE },
    { "LOCALHOST", TRUE },
    { "128.0.0.1", FALSE },
    { "126.255.255.255", FALSE },
    { "10.0.0.1", FALSE },
    { "0.0.0.0", FALSE },
    { "::", FALSE },
    { "::2", FALSE },
    { "localhost.example.com", FALSE },
    { "mylocalhost", FALSE },
    { "travel0.us.auth0.com", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("host “%s”", cases[i].host);
      g_assert_cmpint (roster_tenant_host_is_loopback (cases[i].host), ==, cases[i].loopback);
    }
}

static void
test_error_codes_for_status (void)
{
  const struct {
    guint              status;
    RosterApiErrorCode code;
  } cases[] = {
    { 400, ROSTER_API_ERROR_BAD_REQUEST },
    { 401, ROSTER_API_ERROR_UNAUTHORIZED },
    { 403, ROSTER_API_ERROR_FORBIDDEN },
    { 404, ROSTER_API_ERROR_NOT_FOUND },
    { 409, ROSTER_API_ERROR_CONFLICT },
    { 429, ROSTER_API_ERROR_RATE_LIMITED },
    { 405, ROSTER_API_ERROR_HTTP },
    { 413, ROSTER_API_ERROR_HTTP },
    { 422, ROSTER_API_ERROR_HTTP },
    { 500, ROSTER_API_ERROR_SERVER },
    { 502, ROSTER_API_ERROR_SERVER },
    { 503, ROSTER_API_ERROR_SERVER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = roster_api_error_new_for_status (cases[i].status, NULL, NULL, NULL, 0);

      g_test_message ("status %u", cases[i].status);
      g_assert_error (error, ROSTER_API_ERROR, (int) cases[i].code);
      g_assert_cmpuint (roster_api_error_get_status (error), ==, cases[i].status);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_error_fields (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;

  error = roster_api_error_new_for_status (429, "Too Many Requests", "too_many_requests",
                                           "Global limit has been reached", 1675452600);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_RATE_LIMITED);
  g_assert_cmpstr (error->message, ==, "Global limit has been reached");
  g_assert_cmpuint (roster_api_error_get_status (error), ==, 429);
  g_assert_cmpstr (roster_api_error_get_auth0_error (error), ==, "Too Many Requests");
  g_assert_cmpstr (roster_api_error_get_error_code (error), ==, "too_many_requests");
  g_assert_cmpstr (roster_api_error_get_auth0_message (error), ==, "Global limit has been reached");
  g_assert_cmpint (roster_api_error_get_rate_limit_reset (error), ==, 1675452600);

  copy = g_error_copy (error);
  g_assert_cmpuint (roster_api_error_get_status (copy), ==, 429);
  g_assert_cmpstr (roster_api_error_get_auth0_error (copy), ==, "Too Many Requests");
  g_assert_cmpstr (roster_api_error_get_error_code (copy), ==, "too_many_requests");
  g_assert_cmpstr (roster_api_error_get_auth0_message (copy), ==, "Global limit has been reached");
  g_assert_cmpint (roster_api_error_get_rate_limit_reset (copy), ==, 1675452600);
}

static void
test_error_fallback_message (void)
{
  g_autoptr(GError) error = roster_api_error_new_for_status (429, "Too Many Requests", NULL, NULL, 0);

  g_assert_nonnull (strstr (error->message, "429"));
  g_assert_null (roster_api_error_get_auth0_message (error));
  g_assert_null (roster_api_error_get_error_code (error));
  g_assert_cmpint (roster_api_error_get_rate_limit_reset (error), ==, 0);
}

static GError *
error_from_body (guint       status,
                 const char *body_text)
{
  g_autoptr(GBytes) body = NULL;

  if (body_text != NULL)
    body = g_bytes_new (body_text, strlen (body_text));

  return roster_api_error_new_from_body (status, body, 0);
}

static void
test_error_from_body (void)
{
  g_autoptr(GError) error = NULL;

  error = error_from_body (403, "{\"statusCode\":403,\"error\":\"Forbidden\","
                                "\"message\":\"Insufficient scope, expected any of: delete:organization_members\","
                                "\"errorCode\":\"insufficient_scope\"}");
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_FORBIDDEN);
  g_assert_cmpstr (error->message, ==, "Insufficient scope, expected any of: delete:organization_members");
  g_assert_cmpstr (roster_api_error_get_auth0_error (error), ==, "Forbidden");
  g_assert_cmpstr (roster_api_error_get_error_code (error), ==, "insufficient_scope");
  g_assert_cmpuint (roster_api_error_get_status (error), ==, 403);
}

static void
test_error_from_body_without_error_code (void)
{
  g_autoptr(GError) error = NULL;

  error = error_from_body (404, "{\"statusCode\":404,\"error\":\"Not Found\","
                                "\"message\":\"No organization found by that id or name\"}");
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No organization found by that id or name");
  g_assert_cmpstr (roster_api_error_get_auth0_error (error), ==, "Not Found");
  g_assert_null (roster_api_error_get_error_code (error));
}

static void
test_error_from_odd_bodies (void)
{
  const char *bodies[] = {
    NULL,
    "",
    "   ",
    "<html><body>Bad Gateway</body></html>",
    "[1, 2, 3]",
    "\"text\"",
    "{\"statusCode\":502,\"error\":7,\"message\":null,\"errorCode\":[\"x\"]}",
    "{}",
    "{\"message\":",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = error_from_body (502, bodies[i]);

      g_test_message ("body %u", i);
      g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_SERVER);
      g_assert_cmpuint (roster_api_error_get_status (error), ==, 502);
      g_assert_null (roster_api_error_get_auth0_error (error));
      g_assert_null (roster_api_error_get_error_code (error));
      g_assert_null (roster_api_error_get_auth0_message (error));
      g_assert_nonnull (strstr (error->message, "502"));
    }
}

static void
test_error_accessors_other_domains (void)
{
  g_autoptr(GError) io_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED,
                                                    "Connection refused");
  g_autoptr(GError) plain_error = g_error_new_literal (ROSTER_API_ERROR,
                                                       ROSTER_API_ERROR_INVALID_RESPONSE,
                                                       "Not a list");

  g_assert_cmpuint (roster_api_error_get_status (io_error), ==, 0);
  g_assert_null (roster_api_error_get_auth0_error (io_error));
  g_assert_null (roster_api_error_get_error_code (io_error));
  g_assert_null (roster_api_error_get_auth0_message (io_error));
  g_assert_cmpint (roster_api_error_get_rate_limit_reset (io_error), ==, 0);

  g_assert_cmpuint (roster_api_error_get_status (NULL), ==, 0);
  g_assert_null (roster_api_error_get_auth0_error (NULL));
  g_assert_null (roster_api_error_get_error_code (NULL));
  g_assert_null (roster_api_error_get_auth0_message (NULL));
  g_assert_cmpint (roster_api_error_get_rate_limit_reset (NULL), ==, 0);

  g_assert_cmpuint (roster_api_error_get_status (plain_error), ==, 0);
  g_assert_null (roster_api_error_get_error_code (plain_error));
}

static void
test_token_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) bare_error = NULL;

  error = roster_api_error_new_for_token_response (401, "access_denied", "Unauthorized", 0);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_TOKEN);
  g_assert_nonnull (strstr (error->message, "Unauthorized"));
  g_assert_cmpuint (roster_api_error_get_status (error), ==, 401);
  g_assert_cmpstr (roster_api_error_get_auth0_error (error), ==, "access_denied");
  g_assert_cmpstr (roster_api_error_get_auth0_message (error), ==, "Unauthorized");

  bare_error = roster_api_error_new_for_token_response (500, NULL, NULL, 0);
  g_assert_error (bare_error, ROSTER_API_ERROR, ROSTER_API_ERROR_TOKEN);
  g_assert_nonnull (strstr (bare_error->message, "500"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tenant/domain/table", test_domain_table);
  g_test_add_func ("/tenant/domain/message-names-value", test_domain_message_names_value);
  g_test_add_func ("/tenant/domain/http-message", test_domain_http_message);
  g_test_add_func ("/tenant/domain/empty-message", test_domain_empty_message);
  g_test_add_func ("/tenant/audience", test_audience);
  g_test_add_func ("/tenant/loopback", test_loopback);
  g_test_add_func ("/api-error/code-for-status", test_error_codes_for_status);
  g_test_add_func ("/api-error/fields", test_error_fields);
  g_test_add_func ("/api-error/fallback-message", test_error_fallback_message);
  g_test_add_func ("/api-error/from-body", test_error_from_body);
  g_test_add_func ("/api-error/from-body-without-error-code", test_error_from_body_without_error_code);
  g_test_add_func ("/api-error/from-odd-bodies", test_error_from_odd_bodies);
  g_test_add_func ("/api-error/other-domains", test_error_accessors_other_domains);
  g_test_add_func ("/api-error/token", test_token_error);

  return g_test_run ();
}
