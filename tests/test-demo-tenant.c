/* test-demo-tenant.c: the demo tenant against a plain SoupSession, checked
 * against the Management API behaviour it emulates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "roster-demo-tenant.h"

#define ACME_MEMBERS_PATH "/api/v2/organizations/" ROSTER_DEMO_ORG_ACME "/members"
#define LARGE_MEMBERS_PATH "/api/v2/organizations/" ROSTER_DEMO_ORG_LARGE "/members"
#define EMPTY_MEMBERS_PATH "/api/v2/organizations/" ROSTER_DEMO_ORG_EMPTY "/members"

#define ADA_LOVELACE "auth0|65f0c1a2b3d4e5f607182930"
#define JOSE_ALVAREZ "google-oauth2|104235678901234567890"
#define JOHN_DOE     "samlp|corp/jdoe"
#define MARIE_CURIE  "auth0|65f0c1a2b3d4e5f607182a01"

#define WAIT_TIMEOUT_SECONDS 10

typedef struct
{
  RosterDemoTenant *tenant;
  SoupSession      *session;
  char             *token;
} Fixture;

typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;
  char               *body;
  JsonNode           *json;     /* nullable: NULL for an empty or non-JSON body */
} Response;

typedef struct
{
  SoupMessage *msg;
  GBytes      *body;
  GError      *error;
  gboolean     done;
} PendingRequest;

static void
response_free (Response *response)
{
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->json, json_node_unref);
  g_free (response->body);
  g_free (response);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

/* ---- Waiting on the main context --------------------------------------- */

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;

  return G_SOURCE_REMOVE;
}

static void
wait_for_flag (gboolean *flag)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (WAIT_TIMEOUT_SECONDS, set_flag, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (timeout_id);
}

/* Lets @milliseconds pass while the main context keeps running. */
static void
run_main_context_for (guint milliseconds)
{
  gboolean elapsed = FALSE;

  g_timeout_add (milliseconds, set_flag, &elapsed);
  wait_for_flag (&elapsed);
}

/* ---- Requests ---------------------------------------------------------- */

static void
on_request_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PendingRequest *pending = user_data;

  pending->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &pending->error);
  pending->done = TRUE;
}

/* Starts a request. @authorization is the whole header value (NULL: no
 * header), and @body is sent with @content_type. */
static PendingRequest *
start_request (Fixture    *fixture,
               const char *method,
               const char *path_and_query,
               const char *authorization,
               const char *content_type,
               const char *body)
{
  g_autofree char *uri = g_strconcat (roster_demo_tenant_get_base_uri (fixture->tenant), path_and_query, NULL);
  PendingRequest *pending = g_new0 (PendingRequest, 1);

  pending->msg = soup_message_new (method, uri);
  g_assert_nonnull (pending->msg);

  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (pending->msg), "Authorization", authorization);

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (pending->msg, content_type, bytes);
    }

  soup_session_send_and_read_async (fixture->session, pending->msg, G_PRIORITY_DEFAULT, NULL,
                                    on_request_read, pending);
  return pending;
}

static Response *
finish_request (PendingRequest *pending)
{
  Response *response = g_new0 (Response, 1);
  gsize length;
  const char *data;

  wait_for_flag (&pending->done);
  g_assert_no_error (pending->error);

  response->status = soup_message_get_status (pending->msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (pending->msg));
  data = g_bytes_get_data (pending->body, &length);
  response->body = g_strndup (data != NULL ? data : "", length);
  if (length > 0 && g_strcmp0 (soup_message_headers_get_content_type (response->headers, NULL), "application/json") == 0)
    {
      g_autoptr(GError) error = NULL;

      response->json = json_from_string (response->body, &error);
      g_assert_no_error (error);
    }

  g_object_unref (pending->msg);
  g_bytes_unref (pending->body);
  g_free (pending);
  return response;
}

static Response *
send_request (Fixture    *fixture,
              const char *method,
              const char *path_and_query,
              const char *authorization,
              const char *content_type,
              const char *body)
{
  return finish_request (start_request (fixture, method, path_and_query, authorization, content_type, body));
}

static char *
bearer (const char *token)
{
  return g_strconcat ("Bearer ", token, NULL);
}

/* Sends an API request with the fixture's token and an optional JSON body. */
static Response *
api_request (Fixture    *fixture,
             const char *method,
             const char *path_and_query,
             const char *json_body)
{
  g_autofree char *authorization = bearer (fixture->token);

  return send_request (fixture, method, path_and_query, authorization, "application/json", json_body);
}

static Response *
api_get (Fixture    *fixture,
         const char *path_and_query)
{
  return api_request (fixture, "GET", path_and_query, NULL);
}

static Response *
request_token (Fixture    *fixture,
               const char *json_body)
{
  return send_request (fixture, "POST", "/oauth/token", NULL, "application/json", json_body);
}

/* ---- Checking responses ------------------------------------------------ */

static JsonObject *
get_object (Response *response)
{
  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (response->json));

  return json_node_get_object (response->json);
}

static JsonArray *
get_array (Response *response)
{
  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (response->json));

  return json_node_get_array (response->json);
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  return json_object_get_string_member_with_default (object, name, NULL);
}

static void
assert_api_error (Response   *response,
                  guint       status,
                  const char *error_code,
                  const char *message)
{
  JsonObject *object;

  g_assert_cmpuint (response->status, ==, status);
  object = get_object (response);
  g_assert_cmpint (json_object_get_int_member (object, "statusCode"), ==, status);
  g_assert_nonnull (get_string (object, "error"));
  g_assert_cmpstr (get_string (object, "errorCode"), ==, error_code);
  if (message != NULL)
    g_assert_cmpstr (get_string (object, "message"), ==, message);
}

static void
assert_oauth_error (Response   *response,
                    guint       status,
                    const char *error,
                    const char *description)
{
  JsonObject *object;

  g_assert_cmpuint (response->status, ==, status);
  object = get_object (response);
  g_assert_cmpstr (get_string (object, "error"), ==, error);
  g_assert_cmpstr (get_string (object, "error_description"), ==, description);
}

static gint64
get_header_integer (Response   *response,
                    const char *name)
{
  const char *text = soup_message_headers_get_one (response->headers, name);
  gint64 value;

  g_assert_nonnull (text);
  g_assert_true (g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &value, NULL));

  return value;
}

static JsonObject *
decode_token_payload (const char *token)
{
  g_auto(GStrv) parts = g_strsplit (token, ".", -1);
  g_autoptr(GString) payload = NULL;
  g_autofree guchar *json = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  gsize length;

  g_assert_cmpuint (g_strv_length (parts), ==, 3);

  payload = g_string_new (parts[1]);
  g_strdelimit (payload->str, "-", '+');
  g_strdelimit (payload->str, "_", '/');
  while (payload->len % 4 != 0)
    g_string_append_c (payload, '=');

  json = g_base64_decode (payload->str, &length);
  text = g_strndup ((const char *) json, length);
  node = json_from_string (text, NULL);
  g_assert_nonnull (node);

  return json_object_ref (json_node_get_object (node));
}

/* Returns the "user_id" of every member in @array. */
static GPtrArray *
collect_user_ids (JsonArray *array)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (ids, g_strdup (get_string (json_array_get_object_element (array, i), "user_id")));

  return ids;
}

static gboolean
array_lists_user (JsonArray  *array,
                  const char *user_id)
{
  g_autoptr(GPtrArray) ids = collect_user_ids (array);

  return g_ptr_array_find_with_equal_func (ids, user_id, g_str_equal, NULL);
}

static char *
build_members_body (const char * const *user_ids,
                    guint               count)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "members");
  json_builder_begin_array (builder);
  for (guint i = 0; i < count; i++)
    json_builder_add_string_value (builder, user_ids[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static char *
build_checkpoint_path (const char *path,
                       guint       take,
                       const char *next)
{
  g_autofree char *escaped = NULL;

  if (next == NULL)
    return g_strdup_printf ("%s?take=%u", path, take);

  escaped = g_uri_escape_string (next, NULL, FALSE);
  return g_strdup_printf ("%s?take=%u&from=%s", path, take, escaped);
}

/* ---- Fixture ----------------------------------------------------------- */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->tenant = roster_demo_tenant_new ();
  roster_demo_tenant_start (fixture->tenant, 0, &error);
  g_assert_no_error (error);

  fixture->session = soup_session_new ();
  fixture->token = roster_demo_tenant_mint_token (fixture->tenant, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_pointer (&fixture->token, g_free);
  g_clear_object (&fixture->session);
  g_assert_finalize_object (g_steal_pointer (&fixture->tenant));
}

/* ---- Token endpoint ---------------------------------------------------- */

static void
test_token_grant_json (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(Response) response = NULL;
  g_autoptr(Response) organizations = NULL;
  g_autoptr(JsonObject) claims = NULL;
  g_autofree char *authorization = NULL;
  JsonObject *object;

  response = request_token (fixture,
                            "{\"grant_type\":\"client_credentials\","
                            "\"client_id\":\"" ROSTER_DEMO_CLIENT_ID "\","
                            "\"client_secret\":\"" ROSTER_DEMO_CLIENT_SECRET "\","
                            "\"audience\":\"https://127.0.0.1/api/v2/\"}");
  g_assert_cmpuint (response->status, ==, 200);

  object = get_object (response);
  g_assert_cmpint (json_object_get_int_member (object, "expires_in"), ==, 86400);
  g_assert_cmpstr (get_string (object, "token_type"), ==, "Bearer");
  g_assert_cmpstr (get_string (object, "scope"), ==, ROSTER_DEMO_ALL_SCOPES);

  claims = decode_token_payload (get_string (object, "access_token"));
  g_assert_cmpstr (get_string (claims, "sub"), ==, ROSTER_DEMO_CLIENT_ID "@clients");
  g_assert_cmpstr (get_string (claims, "azp"), ==, ROSTER_DEMO_CLIENT_ID);
  g_assert_cmpstr (get_string (claims, "gty"), ==, "client-credentials");
  g_assert_cmpstr (get_string (claims, "aud"), ==, "https://127.0.0.1/api/v2/");
  g_assert_cmpstr (get_string (claims, "scope"), ==, ROSTER_DEMO_ALL_SCOPES);
  g_assert_nonnull (get_string (claims, "iss"));
  g_assert_cmpint (json_object_get_int_member (claims, "exp") - json_object_get_int_member (claims, "iat"), ==, 86400);

  authorization = bearer (get_string (object, "access_token"));
  organizations = send_request (fixture, "GET", "/api/v2/organizations", authorization, NULL, NULL);
  g_assert_cmpuint (organizations->status, ==, 200);
}

static void
test_token_grant_form (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(Response) response = NULL;
  g_autoptr(JsonObject) claims = NULL;

  roster_demo_tenant_set_scopes (fixture->tenant, "read:organizations");
  response = send_request (fixture, "POST", "/oauth/token", NULL, "application/x-www-form-urlencoded",
                           "grant_type=client_credentials&client_id=" ROSTER_DEMO_CLIENT_ID
                           "&client_secret=" ROSTER_DEMO_CLIENT_SECRET
                           "&audience=https%3A%2F%2F127.0.0.1%2Fapi%2Fv2%2F");
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpstr (get_string (get_object (response), "scope"), ==, "read:organizations");

  claims = decode_token_payload (get_string (get_object (response), "access_token"));
  g_assert_cmpstr (get_string (claims, "scope"), ==, "read:organizations");
}

static void
test_token_errors (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(Response) password = NULL;
  g_autoptr(Response) wrong_secret = NULL;
  g_autoptr(Response) unknown_client = NULL;
  g_autoptr(Response) custom_domain = NULL;
  g_autoptr(Response) no_audience = NULL;

  password = request_token (fixture,
                            "{\"grant_type\":\"password\",\"client_id\":\"" ROSTER_DEMO_CLIENT_ID "\","
                            "\"client_secret\":\"" ROSTER_DEMO_CLIENT_SECRET "\",\"audience\":\"https://x/api/v2/\"}");
  assert_oauth_error (password, 400, "unsupported_grant_type", "Unsupported grant type: password");

  wrong_secret = request_token (fixture,
                                "{\"grant_type\":\"client_credentials\",\"client_id\":\"" ROSTER_DEMO_CLIENT_ID "\","
                                "\"client_secret\":\"wrong\",\"audience\":\"https://x/api/v2/\"}");
  assert_oauth_error (wrong_secret, 401, "access_denied", "Unauthorized");

  unknown_client = request_token (fixture,
                                  "{\"grant_type\":\"client_credentials\",\"client_id\":\"someone-else\","
                                  "\"client_secret\":\"" ROSTER_DEMO_CLIENT_SECRET "\",\"audience\":\"https://x/api/v2/\"}");
  assert_oauth_error (unknown_client, 401, "access_denied", "Unauthorized");

  custom_domain = request_token (fixture,
                                 "{\"grant_type\":\"client_credentials\",\"client_id\":\"" ROSTER_DEMO_CLIENT_ID "\","
                                 "\"client_secret\":\"" ROSTER_DEMO_CLIENT_SECRET "\","
                                 "\"audience\":\"https://login.example.com/\"}");
  assert_oauth_error (custom_domain, 403, "access_denied",
                      "Service not enabled within domain: https://login.example.com/");

  no_audience = request_token (fixture,
                               "{\"grant_type\":\"client_credentials\",\"client_id\":\"" ROSTER_DEMO_CLIENT_ID "\","
                               "\"client_secret\":\"" ROSTER_DEMO_CLIENT_SECRET "\"}");
  g_assert_cmpuint (no_audience->status, ==, 403);
}

/* ---- Access tokens ----------------------------------------------------- */

static void
test_auth_missing_header (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(Response) response = send_request (fixture, "GET", "/api/v2/organizations", NULL, NULL, NULL);

  assert_api_error (response, 401, NULL, "Missing authentication");
}

static void
test_auth_invalid_token (Fixture       *fixture,
                         gconstpointer  user_data)
{
  const char *authorizations[] = {
    "Bearer not-a-token",
    "Bearer a.b",
    "Bearer !!!.@@@.###",
    "Bearer eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln",
  };

  for (guint i = 0; i < G_N_ELEMENTS (authorizations); i++)
    {
      g_autoptr(Response) response = send_request (fixture, "GET", "/api/v2/organizations",
                                                   authorizations[i], NULL, NULL);

      assert_api_error (response, 401, NULL, "Invalid token.");
    }
}

static void
test_auth_bad_signature (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(RosterDemoTenant) other_tenant = roster_demo_tenant_new ();
  g_autofree char *foreign_token = roster_demo_tenant_mint_token (other_tenant, NULL);
  g_autofree char *authorization = bearer (foreign_token);
  g_autoptr(Response) response = NULL;

  response = send_request (fixture, "GET", "/api/v2/organizations", authorization, NULL, NULL);
  assert_api_error (response, 401, NULL, "Invalid signature received for JSON Web Token validation.");
}

static void
test_auth_expired (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *token = roster_demo_tenant_mint_token_full (fixture->tenant, NULL, NULL, -60);
  g_autofree char *authorization = bearer (token);
  g_autoptr(Response) response = NULL;

  response = send_request (fixture, "GET", "/api/v2/organizations", authorization, NULL, NULL);
  assert_api_error (response, 401, NULL, "Expired token received for JSON Web Token validation.");
}

static void
test_auth_non_global_client (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(Response) grant = NULL;
  g_autoptr(Response) response = NULL;
  g_autofree char *authorization = NULL;

  grant = request_token (fixture,
                         "{\"grant_type\":\"client_credentials\","
                         "\"client_id\":\"" ROSTER_DEMO_NON_GLOBAL_CLIENT_ID "\","
                         "\"client_secret\":\"" ROSTER_DEMO_CLIENT_SECRET "\","
                         "\"audience\":\"https://127.0.0.1/api/v2/\"}");
  g_assert_cmpuint (grant->status, ==, 200);

  authorization = bearer (get_string (get_object (grant), "access_token"));
  response = send_request (fixture, "GET", "/api/v2/organizations", authorization, NULL, NULL);
  assert_api_error (response, 401, NULL, "Client is not global.");
}

static void
test_auth_insufficient_scope (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(Response) removal = NULL;
  g_autoptr(Response) roles = NULL;
  g_autoptr(Response) listing = NULL;

  g_free (fixture->token);
  fixture->token = roster_demo_tenant_mint_token (fixture->tenant, "read:organizations read:organization_members");

  removal = api_request (fixture, "DELETE", ACME_MEMBERS_PATH, "{\"members\":[\"" ADA_LOVELACE "\"]}");
  assert_api_error (removal, 403, "insufficient_scope",
                    "Insufficient scope, expected any of: delete:organization_members");
  g_assert_true (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_ACME, ADA_LOVELACE));

  roles = api_get (fixture, ACME_MEMBERS_PATH "?fields=user_id,roles&include_fields=true");
  assert_api_error (roles, 403, "insufficient_scope",
                    "Insufficient scope, expected any of: read:organization_member_roles");

  listing = api_get (fixture, ACME_MEMBERS_PATH);
  g_assert_cmpuint (listing->status, ==, 200);
}

/* ---- Organizations ----------------------------------------------------- */

static void
test_organizations_shapes (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(Response) bare = api_get (fixture, "/api/v2/organizations");
  g_autoptr(Response) totals = api_get (fixture, "/api/v2/organizations?include_totals=true&page=1&per_page=50");
  g_autoptr(Response) first_page = api_get (fixture, "/api/v2/organizations?take=50&include_totals=true&per_page=10");
  g_autoptr(Response) last_page = NULL;
  g_autofree char *last_page_path = NULL;
  JsonArray *organizations;
  JsonObject *object;

  g_assert_cmpuint (bare->status, ==, 200);
  organizations = get_array (bare);
  g_assert_cmpuint (json_array_get_length (organizations), ==, 50);
  g_assert_cmpstr (get_string (json_array_get_object_element (organizations, 0), "id"), ==, ROSTER_DEMO_ORG_ACME);
  g_assert_cmpstr (get_string (json_array_get_object_element (organizations, 0), "display_name"), ==, "Acme & <Sons>");

  object = get_object (totals);
  g_assert_cmpint (json_object_get_int_member (object, "start"), ==, 50);
  g_assert_cmpint (json_object_get_int_member (object, "limit"), ==, 50);
  g_assert_cmpint (json_object_get_int_member (object, "total"), >, 50);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "organizations")),
                    ==, json_object_get_int_member (object, "total") - 50);

  /* "take" wins over include_totals and per_page. */
  object = get_object (first_page);
  g_assert_false (json_object_has_member (object, "total"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "organizations")), ==, 50);
  g_assert_nonnull (get_string (object, "next"));

  /* Unlike members, the last organization page has no "next". */
  last_page_path = build_checkpoint_path ("/api/v2/organizations", 50, get_string (object, "next"));
  last_page = api_get (fixture, last_page_path);
  object = get_object (last_page);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "organizations")), >, 0);
  g_assert_false (json_object_has_member (object, "next"));
}

static void
test_organizations_data_set (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(Response) response = api_get (fixture, "/api/v2/organizations?include_totals=true&per_page=50&page=1");
  g_autoptr(Response) first = api_get (fixture, "/api/v2/organizations");
  g_autoptr(Response) large = api_get (fixture, "/api/v2/organizations/" ROSTER_DEMO_ORG_LARGE);
  JsonArray *second_page = json_object_get_array_member (get_object (response), "organizations");
  gboolean found_zurich = FALSE;
  gboolean found_without_display_name = FALSE;
  const char *previous_name = "";

  for (guint i = 0; i < json_array_get_length (get_array (first)); i++)
    {
      JsonObject *organization = json_array_get_object_element (get_array (first), i);

      g_assert_cmpstr (previous_name, <, get_string (organization, "name"));
      previous_name = get_string (organization, "name");
      found_without_display_name |= !json_object_has_member (organization, "display_name");
    }

  for (guint i = 0; i < json_array_get_length (second_page); i++)
    found_zurich |= g_strcmp0 (get_string (json_array_get_object_element (second_page, i), "display_name"),
                               "Zürich Rückversicherung") == 0;

  g_assert_true (found_zurich);
  g_assert_true (found_without_display_name);

  g_assert_cmpuint (large->status, ==, 200);
  g_assert_cmpstr (get_string (get_object (large), "name"), ==, "globex");
  g_assert_cmpstr (get_string (get_object (large), "display_name"), ==, "Globex Corporation");
}

static void
test_organizations_sort (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(Response) by_name_descending = api_get (fixture, "/api/v2/organizations?sort=name:-1&per_page=1");
  g_autoptr(Response) by_creation = api_get (fixture, "/api/v2/organizations?sort=created_at:1&per_page=1");
  g_autoptr(Response) invalid = api_get (fixture, "/api/v2/organizations?sort=id:1");

  g_assert_cmpstr (get_string (json_array_get_object_element (get_array (by_name_descending), 0), "name"), ==, "zurich-re");
  g_assert_cmpstr (get_string (json_array_get_object_element (get_array (by_creation), 0), "id"), ==, ROSTER_DEMO_ORG_ACME);
  assert_api_error (invalid, 400, "invalid_query_string", NULL);
}

static void
test_organizations_unknown (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(Response) organization = api_get (fixture, "/api/v2/organizations/org_doesNotExist0000");
  g_autoptr(Response) members = api_get (fixture, "/api/v2/organizations/org_doesNotExist0000/members");

  assert_api_error (organization, 404, NULL, "No organization found by that id or name");
  assert_api_error (members, 404, NULL, "No organization found by that id or name");
}

/* ---- Members ----------------------------------------------------------- */

static void
test_members_shapes (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(Response) bare = api_get (fixture, ACME_MEMBERS_PATH);
  g_autoptr(Response) totals = api_get (fixture, ACME_MEMBERS_PATH "?include_totals=true");
  g_autoptr(Response) empty = api_get (fixture, EMPTY_MEMBERS_PATH "?include_totals=true");
  g_autoptr(Response) large = api_get (fixture, LARGE_MEMBERS_PATH);
  JsonObject *object;

  g_assert_cmpuint (json_array_get_length (get_array (bare)), ==, 30);
  g_assert_cmpstr (get_string (json_array_get_object_element (get_array (bare), 0), "name"), ==, "Ada Lovelace");

  object = get_object (totals);
  g_assert_cmpint (json_object_get_int_member (object, "total"), ==, 30);
  g_assert_cmpint (json_object_get_int_member (object, "start"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "members")), ==, 30);

  object = get_object (empty);
  g_assert_cmpint (json_object_get_int_member (object, "total"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "members")), ==, 0);

  /* Without paging parameters, only the first 50. */
  g_assert_cmpuint (json_array_get_length (get_array (large)), ==, 50);
}

static void
test_members_trailing_next (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(Response) first = api_get (fixture, ACME_MEMBERS_PATH "?take=20");
  g_autoptr(Response) second = NULL;
  g_autoptr(Response) third = NULL;
  g_autofree char *second_path = NULL;
  g_autofree char *third_path = NULL;
  JsonObject *object;

  object = get_object (first);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "members")), ==, 20);
  g_assert_nonnull (get_string (object, "next"));

  /* The final, partial page still carries "next"... */
  second_path = build_checkpoint_path (ACME_MEMBERS_PATH, 20, get_string (object, "next"));
  second = api_get (fixture, second_path);
  object = get_object (second);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "members")), ==, 10);
  g_assert_nonnull (get_string (object, "next"));

  /* ...and the call after it returns {"members":[]} without one. */
  third_path = build_checkpoint_path (ACME_MEMBERS_PATH, 20, get_string (object, "next"));
  third = api_get (fixture, third_path);
  g_assert_cmpstr (third->body, ==, "{\"members\":[]}");
}

static void
test_members_checkpoint_large (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_auto(GStrv) expected_ids = roster_demo_tenant_list_member_ids (fixture->tenant, ROSTER_DEMO_ORG_LARGE);
  g_autoptr(GPtrArray) seen_ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *next = NULL;
  guint n_requests = 0;
  guint n_with_plus = 0;
  guint n_with_slash = 0;

  g_assert_cmpuint (g_strv_length (expected_ids), ==, ROSTER_DEMO_LARGE_MEMBER_COUNT);

  do
    {
      g_autofree char *path = build_checkpoint_path (LARGE_MEMBERS_PATH, 50, next);
      g_autoptr(Response) response = api_get (fixture, path);
      JsonObject *object = get_object (response);
      JsonArray *members = json_object_get_array_member (object, "members");
      g_autoptr(GPtrArray) page_ids = collect_user_ids (members);

      g_assert_cmpuint (response->status, ==, 200);
      g_assert_cmpuint (page_ids->len, <=, 50);
      g_ptr_array_extend_and_steal (seen_ids, g_steal_pointer (&page_ids));

      g_free (next);
      next = g_strdup (get_string (object, "next"));
      n_requests++;

      n_with_plus += next != NULL && strchr (next, '+') != NULL;
      n_with_slash += next != NULL && strchr (next, '/') != NULL;
    }
  while (next != NULL);

  g_assert_cmpuint (seen_ids->len, ==, ROSTER_DEMO_LARGE_MEMBER_COUNT);
  for (guint i = 0; i < seen_ids->len; i++)
    g_assert_cmpstr (g_ptr_array_index (seen_ids, i), ==, expected_ids[i]);

  /* 25 pages, the last one partial with a "next", then the empty page. */
  g_assert_cmpuint (n_requests, ==, 26);

  /* A client paging at 50 meets tokens that need percent-encoding. */
  g_assert_cmpuint (n_with_plus, >, 0);
  g_assert_cmpuint (n_with_slash, >, 0);
}

static void
test_members_checkpoint_encoding (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *raw_path = NULL;
  g_autofree char *encoded_path = NULL;
  g_autoptr(Response) raw = NULL;
  g_autoptr(Response) encoded = NULL;
  const char *with_plus = NULL;
  gboolean has_slash = FALSE;
  gboolean has_padding = FALSE;
  const char *next = NULL;

  /* One member a page, to see the token after every member. */
  do
    {
      g_autofree char *path = build_checkpoint_path (ACME_MEMBERS_PATH, 1, next);
      g_autoptr(Response) response = api_get (fixture, path);

      next = get_string (get_object (response), "next");
      if (next != NULL)
        {
          g_ptr_array_add (tokens, g_strdup (next));
          next = g_ptr_array_index (tokens, tokens->len - 1);
        }
    }
  while (next != NULL);

  g_assert_cmpuint (tokens->len, ==, 30);
  for (guint i = 0; i < tokens->len; i++)
    {
      const char *token = g_ptr_array_index (tokens, i);

      if (strchr (token, '+') != NULL)
        with_plus = token;
      has_slash |= strchr (token, '/') != NULL;
      has_padding |= strchr (token, '=') != NULL;
    }

  g_assert_nonnull (with_plus);
  g_assert_true (has_slash);
  g_assert_true (has_padding);

  /* Sent without percent-encoding, "+" arrives as a space. */
  raw_path = g_strdup_printf ("%s?take=1&from=%s", ACME_MEMBERS_PATH, with_plus);
  raw = api_get (fixture, raw_path);
  assert_api_error (raw, 400, "invalid_query_string", NULL);

  encoded_path = build_checkpoint_path (ACME_MEMBERS_PATH, 1, with_plus);
  encoded = api_get (fixture, encoded_path);
  g_assert_cmpuint (encoded->status, ==, 200);
}

static void
test_members_paging_validation (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(Response) take_too_large = api_get (fixture, LARGE_MEMBERS_PATH "?take=101");
  g_autoptr(Response) per_page_too_large = api_get (fixture, LARGE_MEMBERS_PATH "?per_page=101");
  g_autoptr(Response) take_capped = api_get (fixture, LARGE_MEMBERS_PATH "?take=100");
  g_autoptr(Response) take_text = api_get (fixture, LARGE_MEMBERS_PATH "?take=fifty");
  g_autoptr(Response) take_zero = api_get (fixture, LARGE_MEMBERS_PATH "?take=0");
  g_autoptr(Response) last_offset_page = api_get (fixture, LARGE_MEMBERS_PATH "?page=19&per_page=50");
  g_autoptr(Response) past_offset_limit = api_get (fixture, LARGE_MEMBERS_PATH "?page=20&per_page=50&include_totals=true");
  g_autoptr(Response) unknown_from = api_get (fixture, LARGE_MEMBERS_PATH "?take=10&from=bm90LWEtdG9rZW4%3D");
  g_autoptr(Response) unknown_parameter = api_get (fixture, LARGE_MEMBERS_PATH "?q=ada");

  assert_api_error (take_too_large, 400, "invalid_query_string",
                    "Query validation error: 'Value 101 is greater than maximum 100' on property take");
  assert_api_error (per_page_too_large, 400, "invalid_query_string",
                    "Query validation error: 'Value 101 is greater than maximum 100' on property per_page");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (get_object (take_capped), "members")), ==, 50);
  assert_api_error (take_text, 400, "invalid_query_string", NULL);
  assert_api_error (take_zero, 400, "invalid_query_string", NULL);
  g_assert_cmpuint (json_array_get_length (get_array (last_offset_page)), ==, 50);
  assert_api_error (past_offset_limit, 400, "invalid_paging",
                    "Requesting page exceeds the allowed maximum of 1000 records");
  assert_api_error (unknown_from, 400, "invalid_query_string", NULL);
  assert_api_error (unknown_parameter, 400, "invalid_query_string", NULL);
}

static void
test_members_missing_keys (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(Response) response = api_get (fixture, ACME_MEMBERS_PATH);
  JsonArray *members = get_array (response);
  guint without_email = 0;
  guint without_name = 0;
  guint without_picture = 0;

  for (guint i = 0; i < 13; i++)
    {
      JsonObject *member = json_array_get_object_element (members, i);

      g_assert_nonnull (get_string (member, "user_id"));
      without_email += !json_object_has_member (member, "email");
      without_name += !json_object_has_member (member, "name");
      without_picture += !json_object_has_member (member, "picture");
      g_assert_false (json_object_has_member (member, "roles"));
    }

  g_assert_cmpuint (without_email, >, 0);
  g_assert_cmpuint (without_name, >, 0);
  g_assert_cmpuint (without_picture, >, 0);
  g_assert_null (strstr (response->body, "null"));
  g_assert_nonnull (strstr (response->body, "Tom & Jerry <QA>"));
  g_assert_nonnull (strstr (response->body, "José Álvarez"));
}

static void
test_members_fields (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(Response) response = api_get (fixture, ACME_MEMBERS_PATH "?fields=user_id,roles&include_fields=true&take=1");
  g_autoptr(Response) unknown_field = api_get (fixture, ACME_MEMBERS_PATH "?fields=user_id,password");
  JsonArray *members = json_object_get_array_member (get_object (response), "members");
  JsonObject *ada = json_array_get_object_element (members, 0);
  JsonObject *role;

  g_assert_cmpuint (json_object_get_size (ada), ==, 2);
  g_assert_cmpstr (get_string (ada, "user_id"), ==, ADA_LOVELACE);

  role = json_array_get_object_element (json_object_get_array_member (ada, "roles"), 0);
  g_assert_cmpstr (get_string (role, "name"), ==, "Admin");
  g_assert_true (g_str_has_prefix (get_string (role, "id"), "rol_"));
  g_assert_cmpuint (strlen (get_string (role, "id")), ==, strlen ("rol_") + 16);

  assert_api_error (unknown_field, 400, "invalid_query_string", NULL);
}

static void
test_members_picture (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(Response) members = api_get (fixture, ACME_MEMBERS_PATH "?take=1");
  const char *picture = get_string (json_array_get_object_element (json_object_get_array_member (get_object (members), "members"), 0),
                                    "picture");
  const char *base_uri = roster_demo_tenant_get_base_uri (fixture->tenant);
  g_autoptr(Response) image = NULL;

  g_assert_true (g_str_has_prefix (picture, base_uri));
  image = finish_request (start_request (fixture, "GET", picture + strlen (base_uri), NULL, NULL, NULL));

  g_assert_cmpuint (image->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (image->headers, NULL), ==, "image/svg+xml");
}

/* ---- Removing and adding members --------------------------------------- */

static void
test_remove_too_many (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_auto(GStrv) member_ids = roster_demo_tenant_list_member_ids (fixture->tenant, ROSTER_DEMO_ORG_ACME);
  g_autofree char *body = build_members_body ((const char * const *) member_ids, 11);
  g_autoptr(Response) response = api_request (fixture, "DELETE", ACME_MEMBERS_PATH, body);
  const char *message;

  assert_api_error (response, 400, "invalid_body", NULL);
  message = get_string (get_object (response), "message");
  g_assert_nonnull (strstr (message, "maximum 10"));

  for (guint i = 0; i < 11; i++)
    g_assert_true (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_ACME, member_ids[i]));
}

static void
test_remove_invalid_body (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(Response) no_body = api_request (fixture, "DELETE", ACME_MEMBERS_PATH, NULL);
  g_autoptr(Response) empty_list = api_request (fixture, "DELETE", ACME_MEMBERS_PATH, "{\"members\":[]}");
  g_autoptr(Response) not_strings = api_request (fixture, "DELETE", ACME_MEMBERS_PATH, "{\"members\":[42]}");
  g_autoptr(Response) not_json = api_request (fixture, "DELETE", ACME_MEMBERS_PATH, "members=" ADA_LOVELACE);

  assert_api_error (no_body, 400, "invalid_body",
                    "Payload validation error: 'Expected type object but found type null'.");
  assert_api_error (empty_list, 400, "invalid_body", NULL);
  assert_api_error (not_strings, 400, "invalid_body", NULL);
  assert_api_error (not_json, 400, "invalid_body", NULL);
  g_assert_true (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_ACME, ADA_LOVELACE));
}

static void
test_remove_members (Fixture       *fixture,
                     gconstpointer  user_data)
{
  const char *user_ids[] = { ADA_LOVELACE, JOHN_DOE, MARIE_CURIE };
  g_autofree char *body = build_members_body (user_ids, G_N_ELEMENTS (user_ids));
  g_autoptr(Response) response = NULL;
  g_auto(GStrv) remaining = NULL;
  GPtrArray *requests;
  RosterDemoRequest *request;

  roster_demo_tenant_clear_requests (fixture->tenant);
  response = api_request (fixture, "DELETE", ACME_MEMBERS_PATH, body);

  /* Marie Curie was never a member: still 204. */
  g_assert_cmpuint (response->status, ==, 204);
  g_assert_cmpstr (response->body, ==, "");
  g_assert_cmpstr (soup_message_headers_get_one (response->headers, "Content-Type"), ==,
                   "application/json; charset=utf-8");

  g_assert_false (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_ACME, ADA_LOVELACE));
  g_assert_false (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_ACME, JOHN_DOE));
  g_assert_true (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_ACME, JOSE_ALVAREZ));
  remaining = roster_demo_tenant_list_member_ids (fixture->tenant, ROSTER_DEMO_ORG_ACME);
  g_assert_cmpuint (g_strv_length (remaining), ==, 28);

  requests = roster_demo_tenant_get_requests (fixture->tenant);
  g_assert_cmpuint (requests->len, ==, 1);
  request = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (request->method, ==, "DELETE");
  g_assert_cmpstr (request->path, ==, ACME_MEMBERS_PATH);
  g_assert_null (request->query);
  g_assert_cmpstr (request->body, ==, body);
  g_assert_cmpuint (request->status, ==, 204);
}

static void
test_removal_delay (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(Response) removal = NULL;
  g_autoptr(Response) soon_after = NULL;
  g_autoptr(Response) later = NULL;

  roster_demo_tenant_set_removal_delay (fixture->tenant, 300);
  removal = api_request (fixture, "DELETE", ACME_MEMBERS_PATH, "{\"members\":[\"" ADA_LOVELACE "\"]}");
  g_assert_cmpuint (removal->status, ==, 204);

  /* The removal applies to the primary store at once, but not yet to the
   * list. */
  g_assert_false (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_ACME, ADA_LOVELACE));
  soon_after = api_get (fixture, ACME_MEMBERS_PATH);
  g_assert_true (array_lists_user (get_array (soon_after), ADA_LOVELACE));

  run_main_context_for (400);
  later = api_get (fixture, ACME_MEMBERS_PATH);
  g_assert_false (array_lists_user (get_array (later), ADA_LOVELACE));
  g_assert_cmpuint (json_array_get_length (get_array (later)), ==, 29);
}

static void
test_add_members (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(Response) removal = api_request (fixture, "DELETE", ACME_MEMBERS_PATH, "{\"members\":[\"" ADA_LOVELACE "\"]}");
  g_autoptr(Response) re_add = api_request (fixture, "POST", ACME_MEMBERS_PATH,
                                            "{\"members\":[\"" ADA_LOVELACE "\",\"" MARIE_CURIE "\"]}");
  g_autoptr(Response) unknown_user = api_request (fixture, "POST", ACME_MEMBERS_PATH, "{\"members\":[\"auth0|nobody\"]}");
  g_autoptr(Response) listing = api_get (fixture, ACME_MEMBERS_PATH);

  g_assert_cmpuint (removal->status, ==, 204);
  g_assert_cmpuint (re_add->status, ==, 204);
  g_assert_true (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_ACME, ADA_LOVELACE));
  g_assert_true (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_ACME, MARIE_CURIE));
  assert_api_error (unknown_user, 400, "invalid_body", NULL);

  g_assert_cmpuint (json_array_get_length (get_array (listing)), ==, 31);
  g_assert_true (array_lists_user (get_array (listing), MARIE_CURIE));
}

/* ---- Rate limits ------------------------------------------------------- */

static void
test_rate_limit_default_headers (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(Response) response = api_get (fixture, "/api/v2/organizations");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_cmpint (get_header_integer (response, "x-ratelimit-limit"), ==, 1000);
  g_assert_cmpint (get_header_integer (response, "x-ratelimit-remaining"), ==, 999);
  g_assert_cmpint (get_header_integer (response, "x-ratelimit-reset"), >=, now + 59);
  g_assert_cmpint (get_header_integer (response, "x-ratelimit-reset"), <=, now + 61);
}

static void
test_rate_limit_member_writes (Fixture       *fixture,
                               gconstpointer  user_data)
{
  const char *body = "{\"members\":[\"" MARIE_CURIE "\"]}";
  g_autoptr(Response) first = NULL;
  g_autoptr(Response) second = NULL;
  g_autoptr(Response) limited = NULL;
  g_autoptr(Response) read = NULL;
  gint64 now;

  /* Two at once, then one a second. */
  roster_demo_tenant_set_rate_limit (fixture->tenant, 2, 60);
  first = api_request (fixture, "DELETE", ACME_MEMBERS_PATH, body);
  second = api_request (fixture, "POST", ACME_MEMBERS_PATH, body);
  limited = api_request (fixture, "DELETE", ACME_MEMBERS_PATH, body);
  read = api_get (fixture, ACME_MEMBERS_PATH);
  now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_cmpuint (first->status, ==, 204);
  g_assert_cmpuint (second->status, ==, 204);
  assert_api_error (limited, 429, "too_many_requests", "Global limit has been reached");
  g_assert_cmpstr (get_string (get_object (limited), "error"), ==, "Too Many Requests");

  g_assert_cmpint (get_header_integer (limited, "x-ratelimit-limit"), ==, 2);
  g_assert_cmpint (get_header_integer (limited, "x-ratelimit-remaining"), ==, 0);
  g_assert_cmpint (get_header_integer (limited, "x-ratelimit-reset"), >=, now);
  g_assert_cmpint (get_header_integer (limited, "x-ratelimit-reset"), <=, now + 2);

  /* The limit applies to member writes only. */
  g_assert_cmpuint (read->status, ==, 200);
  g_assert_true (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_ACME, MARIE_CURIE));
}

/* ---- Paths, routes, latency and injected failures ---------------------- */

static void
test_encoded_path_segments (Fixture       *fixture,
                            gconstpointer  user_data)
{
  const char *saml_path = ACME_MEMBERS_PATH "/samlp%7Ccorp%2Fjdoe/roles";
  g_autoptr(Response) saml = NULL;
  g_autoptr(Response) ada = NULL;
  g_autoptr(Response) unencoded = NULL;
  g_autoptr(Response) non_member = NULL;
  GPtrArray *requests;
  RosterDemoRequest *request;

  roster_demo_tenant_clear_requests (fixture->tenant);
  saml = api_get (fixture, saml_path);
  g_assert_cmpuint (saml->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (get_array (saml)), ==, 0);

  requests = roster_demo_tenant_get_requests (fixture->tenant);
  request = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (request->path, ==, saml_path);

  ada = api_get (fixture, ACME_MEMBERS_PATH "/auth0%7C65f0c1a2b3d4e5f607182930/roles");
  g_assert_cmpuint (ada->status, ==, 200);
  g_assert_cmpstr (get_string (json_array_get_object_element (get_array (ada), 0), "name"), ==, "Admin");

  /* An unencoded "/" splits the path into other segments. */
  unencoded = api_get (fixture, ACME_MEMBERS_PATH "/samlp%7Ccorp/jdoe/roles");
  g_assert_cmpuint (unencoded->status, ==, 404);

  non_member = api_get (fixture, ACME_MEMBERS_PATH "/" "auth0%7C65f0c1a2b3d4e5f607182a01" "/roles");
  assert_api_error (non_member, 404, NULL, NULL);
}

static void
test_member_roles_assign (Fixture       *fixture,
                          gconstpointer  user_data)
{
  const char *roles_path = ACME_MEMBERS_PATH "/samlp%7Ccorp%2Fjdoe/roles";
  g_autoptr(Response) assign = NULL;
  g_autoptr(Response) unknown_role = NULL;
  g_autoptr(Response) listing = NULL;
  g_autoptr(Response) unassign = NULL;
  g_autoptr(Response) after_unassign = NULL;
  g_autoptr(Response) viewer = api_get (fixture, ACME_MEMBERS_PATH "/auth0%7C65f0c1a2b3d4e5f607182932/roles");
  g_autofree char *body = NULL;
  const char *viewer_id;

  viewer_id = get_string (json_array_get_object_element (get_array (viewer), 0), "id");
  body = g_strdup_printf ("{\"roles\":[\"%s\"]}", viewer_id);

  assign = api_request (fixture, "POST", roles_path, body);
  g_assert_cmpuint (assign->status, ==, 204);
  unknown_role = api_request (fixture, "POST", roles_path, "{\"roles\":[\"rol_doesNotExist0000\"]}");
  assert_api_error (unknown_role, 400, "invalid_body", NULL);

  listing = api_get (fixture, roles_path);
  g_assert_cmpuint (json_array_get_length (get_array (listing)), ==, 1);
  g_assert_cmpstr (get_string (json_array_get_object_element (get_array (listing), 0), "name"), ==, "Viewer");

  unassign = api_request (fixture, "DELETE", roles_path, body);
  g_assert_cmpuint (unassign->status, ==, 204);
  after_unassign = api_get (fixture, roles_path);
  g_assert_cmpuint (json_array_get_length (get_array (after_unassign)), ==, 0);
}

static void
test_unknown_routes (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(Response) unknown = api_get (fixture, "/api/v2/users");
  g_autoptr(Response) outside_api = api_get (fixture, "/favicon.ico");
  g_autoptr(Response) wrong_method = api_request (fixture, "PUT", "/api/v2/organizations", "{}");
  g_autoptr(Response) token_get = send_request (fixture, "GET", "/oauth/token", NULL, NULL, NULL);

  assert_api_error (unknown, 404, NULL, NULL);
  assert_api_error (outside_api, 404, NULL, NULL);
  assert_api_error (wrong_method, 405, NULL, NULL);
  g_assert_cmpstr (soup_message_headers_get_one (wrong_method->headers, "Allow"), ==, "GET");
  g_assert_cmpuint (token_get->status, ==, 405);
}

static void
test_latency (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *authorization = bearer (fixture->token);
  PendingRequest *first;
  PendingRequest *second;
  g_autoptr(Response) first_response = NULL;
  g_autoptr(Response) second_response = NULL;
  gint64 started_us;
  gint64 elapsed_ms;

  roster_demo_tenant_set_latency (fixture->tenant, 300);
  started_us = g_get_monotonic_time ();
  first = start_request (fixture, "GET", "/api/v2/organizations", authorization, NULL, NULL);
  second = start_request (fixture, "GET", ACME_MEMBERS_PATH, authorization, NULL, NULL);
  first_response = finish_request (first);
  second_response = finish_request (second);
  elapsed_ms = (g_get_monotonic_time () - started_us) / 1000;

  g_assert_cmpuint (first_response->status, ==, 200);
  g_assert_cmpuint (second_response->status, ==, 200);
  g_assert_cmpint (elapsed_ms, >=, 300);

  /* Both waited at the same time: the delay does not block the loop. */
  g_assert_cmpint (elapsed_ms, <, 600);
}

static void
test_inject_failure (Fixture       *fixture,
                     gconstpointer  user_data)
{
  const char *body = "{\"members\":[\"" ADA_LOVELACE "\"]}";
  g_autoptr(Response) limited = NULL;
  g_autoptr(Response) unavailable = NULL;
  g_autoptr(Response) recovered = NULL;
  gint64 now;

  roster_demo_tenant_inject_failure (fixture->tenant, "DELETE", "/api/v2/organizations/" ROSTER_DEMO_ORG_ACME "/members",
                                     503, NULL, "Service Unavailable");
  roster_demo_tenant_inject_failure (fixture->tenant, NULL, NULL, 429, "too_many_requests", "Global limit has been reached");

  /* A GET matches only the second injection, which then is used up. */
  limited = api_get (fixture, "/api/v2/organizations");
  now = g_get_real_time () / G_USEC_PER_SEC;
  assert_api_error (limited, 429, "too_many_requests", "Global limit has been reached");
  g_assert_cmpint (get_header_integer (limited, "x-ratelimit-remaining"), ==, 0);
  g_assert_cmpint (get_header_integer (limited, "x-ratelimit-reset"), >=, now);
  g_assert_cmpint (get_header_integer (limited, "x-ratelimit-reset"), <=, now + 2);

  unavailable = api_request (fixture, "DELETE", ACME_MEMBERS_PATH, body);
  assert_api_error (unavailable, 503, NULL, "Service Unavailable");
  g_assert_true (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_ACME, ADA_LOVELACE));

  recovered = api_request (fixture, "DELETE", ACME_MEMBERS_PATH, body);
  g_assert_cmpuint (recovered->status, ==, 204);
  g_assert_false (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_ACME, ADA_LOVELACE));
}

static void
test_data_set_deterministic (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(RosterDemoTenant) other_tenant = roster_demo_tenant_new ();

  g_assert_cmpstr (G_STRINGIFY (ROSTER_DEMO_LARGE_MEMBER_COUNT), ==, "1234");

  for (guint i = 0; i < 3; i++)
    {
      const char *organization_ids[] = { ROSTER_DEMO_ORG_ACME, ROSTER_DEMO_ORG_LARGE, ROSTER_DEMO_ORG_EMPTY };
      g_auto(GStrv) ids = roster_demo_tenant_list_member_ids (fixture->tenant, organization_ids[i]);
      g_auto(GStrv) other_ids = roster_demo_tenant_list_member_ids (other_tenant, organization_ids[i]);

      g_assert_true (g_strv_equal ((const char * const *) ids, (const char * const *) other_ids));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, func) \
  g_test_add ("/demo-tenant/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("token/grant-json", test_token_grant_json);
  ADD_TEST ("token/grant-form", test_token_grant_form);
  ADD_TEST ("token/errors", test_token_errors);
  ADD_TEST ("auth/missing-header", test_auth_missing_header);
  ADD_TEST ("auth/invalid-token", test_auth_invalid_token);
  ADD_TEST ("auth/bad-signature", test_auth_bad_signature);
  ADD_TEST ("auth/expired", test_auth_expired);
  ADD_TEST ("auth/non-global-client", test_auth_non_global_client);
  ADD_TEST ("auth/insufficient-scope", test_auth_insufficient_scope);
  ADD_TEST ("organizations/shapes", test_organizations_shapes);
  ADD_TEST ("organizations/data-set", test_organizations_data_set);
  ADD_TEST ("organizations/sort", test_organizations_sort);
  ADD_TEST ("organizations/unknown", test_organizations_unknown);
  ADD_TEST ("members/shapes", test_members_shapes);
  ADD_TEST ("members/trailing-next", test_members_trailing_next);
  ADD_TEST ("members/checkpoint-large", test_members_checkpoint_large);
  ADD_TEST ("members/checkpoint-encoding", test_members_checkpoint_encoding);
  ADD_TEST ("members/paging-validation", test_members_paging_validation);
  ADD_TEST ("members/missing-keys", test_members_missing_keys);
  ADD_TEST ("members/fields", test_members_fields);
  ADD_TEST ("members/picture", test_members_picture);
  ADD_TEST ("remove/too-many", test_remove_too_many);
  ADD_TEST ("remove/invalid-body", test_remove_invalid_body);
  ADD_TEST ("remove/members", test_remove_members);
  ADD_TEST ("remove/delay", test_removal_delay);
  ADD_TEST ("add/members", test_add_members);
  ADD_TEST ("rate-limit/default-headers", test_rate_limit_default_headers);
  ADD_TEST ("rate-limit/member-writes", test_rate_limit_member_writes);
  ADD_TEST ("path/encoded-segments", test_encoded_path_segments);
  ADD_TEST ("roles/assign-and-remove", test_member_roles_assign);
  ADD_TEST ("routes/unknown", test_unknown_routes);
  ADD_TEST ("latency/non-blocking", test_latency);
  ADD_TEST ("inject-failure/queued", test_inject_failure);
  ADD_TEST ("data-set/deterministic", test_data_set_deterministic);

#undef ADD_TEST

  return g_test_run ();
}
