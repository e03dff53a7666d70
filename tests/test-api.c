/* test-api.c: the Management API client against the demo tenant and small
 * SoupServers on loopback, over real HTTP.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <libsoup/soup.h>

#include "roster-api.h"
#include "roster-demo-tenant.h"

/* Bound for every wait on the main context. The slowest test lists 1,234
 * members in about 26 requests on loopback. */
#define TIMEOUT_SECONDS 30

#define MOCK_CLIENT_ID     "mock-client"
#define MOCK_CLIENT_SECRET "mock-secret-b8a41f"
#define MOCK_TOKEN_PREFIX  "mock-token-c51e0"

/* Log capture: the writer is installed before g_test_init(), because GLib
 * allows one writer per process, set before the first message. */
static GString *captured_log = NULL;

static GLogWriterOutput
capture_log_writer (GLogLevelFlags   log_level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  if (captured_log != NULL)
    {
      for (gsize i = 0; i < n_fields; i++)
        {
          if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
            g_string_append_printf (captured_log, "%s\n", (const char *) fields[i].value);
        }

      if ((log_level & G_LOG_LEVEL_DEBUG) != 0)
        return G_LOG_WRITER_HANDLED;
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* Waiting on the main context */

static gboolean
on_wait_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_for_result (GAsyncResult **result)
{
  gboolean timed_out = FALSE;
  guint timeout_id;

  timeout_id = g_timeout_add_seconds (TIMEOUT_SECONDS, on_wait_timeout, &timed_out);
  while (*result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (timeout_id);
}

static void
on_async_ready (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GPtrArray *
fetch_page_sync (RosterClient  *client,
                 const char    *path_and_query,
                 const char    *collection_key,
                 GType          item_type,
                 char         **next_out,
                 GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_client_fetch_page_async (client, path_and_query, collection_key, item_type, NULL,
                                  on_async_ready, &result);
  wait_for_result (&result);

  return roster_client_fetch_page_finish (client, result, next_out, error);
}

static gboolean
list_members_sync (RosterClient  *client,
                   const char    *organization_id,
                   GListStore    *store,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_client_list_members_async (client, organization_id, store, cancellable,
                                    on_async_ready, &result);
  wait_for_result (&result);

  return roster_client_list_members_finish (client, result, error);
}

static gboolean
list_organizations_sync (RosterClient  *client,
                         GListStore    *store,
                         GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_client_list_organizations_async (client, store, NULL, on_async_ready, &result);
  wait_for_result (&result);

  return roster_client_list_organizations_finish (client, result, error);
}

static gboolean
remove_members_sync (RosterClient        *client,
                     const char          *organization_id,
                     const char * const  *user_ids,
                     GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_client_remove_members_async (client, organization_id, user_ids, NULL,
                                      on_async_ready, &result);
  wait_for_result (&result);

  return roster_client_remove_members_finish (client, result, error);
}

static GPtrArray *
remove_members_batched_sync (RosterClient            *client,
                             const char              *organization_id,
                             const char * const      *user_ids,
                             RosterRemovalBatchFunc   batch_func,
                             gpointer                 batch_data,
                             GCancellable            *cancellable,
                             GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_client_remove_members_batched_async (client, organization_id, user_ids,
                                              batch_func, batch_data, cancellable,
                                              on_async_ready, &result);
  wait_for_result (&result);

  return roster_client_remove_members_batched_finish (client, result, error);
}

static GPtrArray *
list_member_roles_sync (RosterClient  *client,
                        const char    *organization_id,
                        const char    *user_id,
                        GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_client_list_member_roles_async (client, organization_id, user_id, NULL,
                                         on_async_ready, &result);
  wait_for_result (&result);

  return roster_client_list_member_roles_finish (client, result, error);
}

/* Reading the demo tenant's request log */

static GPtrArray *
find_requests (RosterDemoTenant *tenant,
               const char       *method,
               const char       *path_prefix)
{
  GPtrArray *requests = roster_demo_tenant_get_requests (tenant);
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < requests->len; i++)
    {
      RosterDemoRequest *request = g_ptr_array_index (requests, i);

      if (method != NULL && g_strcmp0 (request->method, method) != 0)
        continue;

      if (path_prefix != NULL && !g_str_has_prefix (request->path, path_prefix))
        continue;

      g_ptr_array_add (found, request);
    }

  return found;
}

static guint
count_requests (RosterDemoTenant *tenant,
                const char       *method,
                const char       *path_prefix)
{
  g_autoptr(GPtrArray) found = find_requests (tenant, method, path_prefix);

  return found->len;
}

/* Parses a DELETE body {"members": [...]} into its ids. */
static GStrv
parse_removal_body (const char *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  JsonArray *members;

  g_assert_nonnull (body);
  json_parser_load_from_data (parser, body, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_object_get_size (object), ==, 1);
  members = json_object_get_array_member (object, "members");
  g_assert_nonnull (members);

  for (guint i = 0; i < json_array_get_length (members); i++)
    g_strv_builder_add (builder, json_array_get_string_element (members, i));

  return g_strv_builder_end (builder);
}

static const char *
find_member_id_with_prefix (GStrv       member_ids,
                            const char *prefix)
{
  for (guint i = 0; member_ids[i] != NULL; i++)
    {
      if (g_str_has_prefix (member_ids[i], prefix))
        return member_ids[i];
    }

  return NULL;
}

/* Demo tenant fixture: a started tenant and a client with a token that has
 * every scope. */

typedef struct
{
  RosterDemoTenant *tenant;
  RosterClient     *client;
  char             *base_uri;
  char             *token;
} DemoFixture;

static void
demo_fixture_set_up (DemoFixture   *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->tenant = roster_demo_tenant_new ();
  roster_demo_tenant_start (fixture->tenant, 0, &error);
  g_assert_no_error (error);

  fixture->base_uri = roster_tenant_parse_domain (roster_demo_tenant_get_base_uri (fixture->tenant),
                                                  &error);
  g_assert_no_error (error);

  fixture->client = roster_client_new (fixture->base_uri);
  fixture->token = roster_demo_tenant_mint_token (fixture->tenant, NULL);
  roster_client_set_access_token (fixture->client, fixture->token);
}

static void
demo_fixture_tear_down (DemoFixture   *fixture,
                        gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->client);
  g_clear_object (&fixture->tenant);
  g_clear_pointer (&fixture->base_uri, g_free);
  g_clear_pointer (&fixture->token, g_free);
}

static RosterClient *
new_credentials_client (DemoFixture *fixture,
                        const char  *client_id,
                        const char  *client_secret)
{
  RosterClient *client = roster_client_new (fixture->base_uri);

  roster_client_set_client_credentials (client, client_id, client_secret);
  return client;
}

/* A small SoupServer for what the demo tenant cannot show: request headers,
 * odd bodies and token lifetimes. */

typedef struct
{
  char *method;          /* owned */
  char *path;            /* owned: still percent-encoded */
  char *authorization;   /* owned, nullable */
  char *accept;          /* owned, nullable */
  char *content_type;    /* owned, nullable */
  char *user_agent;      /* owned, nullable */
  char *correlation_id;  /* owned, nullable */
  char *body;            /* owned, nullable */
} MockRequest;

typedef struct
{
  SoupServer *server;             /* owned */
  char       *base_uri;           /* owned */
  GPtrArray  *requests;           /* owned: MockRequest */
  const char *list_body;          /* unowned: the body of GET responses */
  gint64      expires_in;         /* of the tokens issued, -1 to leave it out */
  guint       tokens_issued;
  const char *rejected_token;     /* unowned, nullable: rejected with 401 */
} MockServer;

static void
mock_request_free (gpointer pointer)
{
  MockRequest *request = pointer;

  g_free (request->method);
  g_free (request->path);
  g_free (request->authorization);
  g_free (request->accept);
  g_free (request->content_type);
  g_free (request->user_agent);
  g_free (request->correlation_id);
  g_free (request->body);
  g_free (request);
}

static MockRequest *
record_mock_request (MockServer        *mock,
                     SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  MockRequest *request = g_new0 (MockRequest, 1);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

  request->method = g_strdup (soup_server_message_get_method (message));
  request->path = g_strdup (g_uri_get_path (soup_server_message_get_uri (message)));
  request->authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
  request->accept = g_strdup (soup_message_headers_get_one (headers, "Accept"));
  request->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  request->user_agent = g_strdup (soup_message_headers_get_one (headers, "User-Agent"));
  request->correlation_id = g_strdup (soup_message_headers_get_one (headers, "X-Correlation-ID"));
  if (g_bytes_get_size (bytes) > 0)
    request->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  g_ptr_array_add (mock->requests, request);
  return request;
}

static void
set_json_response (SoupServerMessage *message,
                   guint              status,
                   const char        *body)
{
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

static void
answer_token_request (MockServer        *mock,
                      SoupServerMessage *message)
{
  g_autofree char *body = NULL;

  mock->tokens_issued++;

  if (mock->expires_in >= 0)
    body = g_strdup_printf ("{\"access_token\":\"" MOCK_TOKEN_PREFIX "-%u\",\"expires_in\":%" G_GINT64_FORMAT ","
                            "\"token_type\":\"Bearer\"}", mock->tokens_issued, mock->expires_in);
  else
    body = g_strdup_printf ("{\"access_token\":\"" MOCK_TOKEN_PREFIX "-%u\",\"token_type\":\"Bearer\"}",
                            mock->tokens_issued);

  set_json_response (message, SOUP_STATUS_OK, body);
}

static void
mock_server_handle (SoupServer        *server,
                    SoupServerMessage *message,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  MockServer *mock = user_data;
  MockRequest *request = record_mock_request (mock, message);
  g_autofree char *rejected = NULL;

  if (g_str_equal (request->path, "/oauth/token"))
    {
      answer_token_request (mock, message);
      return;
    }

  if (mock->rejected_token != NULL)
    rejected = g_strconcat ("Bearer ", mock->rejected_token, NULL);

  if (rejected != NULL && g_strcmp0 (request->authorization, rejected) == 0)
    set_json_response (message, SOUP_STATUS_UNAUTHORIZED,
                       "{\"statusCode\":401,\"error\":\"Unauthorized\",\"message\":\"Expired token.\"}");
  else if (g_str_equal (request->method, "DELETE"))
    soup_server_message_set_status (message, SOUP_STATUS_NO_CONTENT, NULL);
  else
    set_json_response (message, SOUP_STATUS_OK, mock->list_body);
}

static MockServer *
mock_server_new (void)
{
  MockServer *mock = g_new0 (MockServer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  mock->requests = g_ptr_array_new_with_free_func (mock_request_free);
  mock->list_body = "[]";
  mock->expires_in = 86400;

  mock->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (mock->server, NULL, mock_server_handle, mock, NULL);
  soup_server_listen_local (mock->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (mock->server);
  mock->base_uri = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return mock;
}

static void
mock_server_free (MockServer *mock)
{
  soup_server_disconnect (mock->server);
  g_clear_object (&mock->server);
  g_clear_pointer (&mock->requests, g_ptr_array_unref);
  g_clear_pointer (&mock->base_uri, g_free);
  g_free (mock);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MockServer, mock_server_free)

static guint
count_mock_requests (MockServer *mock,
                     const char *path)
{
  guint count = 0;

  for (guint i = 0; i < mock->requests->len; i++)
    {
      MockRequest *request = g_ptr_array_index (mock->requests, i);

      if (g_str_equal (request->path, path))
        count++;
    }

  return count;
}

/* Unit tests without a server */

static void
test_build_path (void)
{
  g_autofree char *organizations = roster_client_build_path ("organizations", NULL);
  g_autofree char *roles = NULL;
  g_autofree char *odd = NULL;

  g_assert_cmpstr (organizations, ==, "/api/v2/organizations");

  roles = roster_client_build_path ("organizations", "org_1", "members",
                                    "samlp|corp/élodie.martin", "roles", NULL);
  g_assert_cmpstr (roles, ==,
                   "/api/v2/organizations/org_1/members/samlp%7Ccorp%2F%C3%A9lodie.martin/roles");

  odd = roster_client_build_path ("oauth2|siwe|eip155:5:0x1", "100% done", "a-b_c.d~e", NULL);
  g_assert_cmpstr (odd, ==, "/api/v2/oauth2%7Csiwe%7Ceip155%3A5%3A0x1/100%25%20done/a-b_c.d~e");
}

static void
test_member_from_json (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(RosterMember) full = NULL;
  g_autoptr(RosterMember) bare = NULL;
  g_autoptr(RosterMember) email_only = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  json_parser_load_from_data (parser,
                              "[{\"user_id\":\"auth0|1\",\"name\":\"Ada\",\"email\":\"ada@example.com\","
                              "  \"picture\":\"https://example.com/a.png\",\"roles\":[]},"
                              " {\"user_id\":\"auth0|2\"},"
                              " {\"user_id\":\"auth0|3\",\"name\":\"\",\"email\":\"c@example.com\",\"picture\":7},"
                              " {\"name\":\"No Id\"}]",
                              -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));

  full = roster_member_new_from_json (json_array_get_object_element (array, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (roster_member_get_user_id (full), ==, "auth0|1");
  g_assert_cmpstr (roster_member_get_name (full), ==, "Ada");
  g_assert_cmpstr (roster_member_get_email (full), ==, "ada@example.com");
  g_assert_cmpstr (roster_member_get_picture (full), ==, "https://example.com/a.png");
  g_assert_cmpstr (roster_member_get_label (full), ==, "Ada");

  bare = roster_member_new_from_json (json_array_get_object_element (array, 1), &error);
  g_assert_no_error (error);
  g_assert_null (roster_member_get_name (bare));
  g_assert_null (roster_member_get_email (bare));
  g_assert_null (roster_member_get_picture (bare));
  g_assert_cmpstr (roster_member_get_label (bare), ==, "auth0|2");

  email_only = roster_member_new_from_json (json_array_get_object_element (array, 2), &error);
  g_assert_no_error (error);
  g_assert_null (roster_member_get_picture (email_only));
  g_assert_cmpstr (roster_member_get_label (email_only), ==, "c@example.com");

  g_assert_null (roster_member_new_from_json (json_array_get_object_element (array, 3), &error));
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_RESPONSE);
}

static void
test_organization_from_json (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(RosterOrganization) full = NULL;
  g_autoptr(RosterOrganization) no_display_name = NULL;
  g_autoptr(RosterOrganization) id_only = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display_name = NULL;
  JsonArray *array;

  json_parser_load_from_data (parser,
                              "[{\"id\":\"org_1\",\"name\":\"acme\",\"display_name\":\"Acme & <Sons>\","
                              "  \"branding\":{\"logo_url\":\"https://example.com/l.png\"}},"
                              " {\"id\":\"org_2\",\"name\":\"globex\"},"
                              " {\"id\":\"org_3\"},"
                              " {\"name\":\"no-id\"}]",
                              -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));

  full = roster_organization_new_from_json (json_array_get_object_element (array, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (roster_organization_get_id (full), ==, "org_1");
  g_assert_cmpstr (roster_organization_get_name (full), ==, "acme");
  g_assert_cmpstr (roster_organization_get_display_name (full), ==, "Acme & <Sons>");

  no_display_name = roster_organization_new_from_json (json_array_get_object_element (array, 1), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (roster_organization_get_display_name (no_display_name), ==, "globex");
  g_object_get (no_display_name, "display-name", &display_name, NULL);
  g_assert_cmpstr (display_name, ==, "globex");

  id_only = roster_organization_new_from_json (json_array_get_object_element (array, 2), &error);
  g_assert_no_error (error);
  g_assert_null (roster_organization_get_name (id_only));
  g_assert_cmpstr (roster_organization_get_display_name (id_only), ==, "org_3");

  g_assert_null (roster_organization_new_from_json (json_array_get_object_element (array, 3), &error));
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_RESPONSE);
}

static void
test_removal_batch_copy (void)
{
  const char *ids[] = { "auth0|1", "samlp|corp/x", NULL };
  RosterRemovalBatch batch = {
    .user_ids = (char **) ids,
    .status = 403,
    .error = roster_api_error_new_for_status (403, "Forbidden", "insufficient_scope", "No scope", 0),
  };
  g_autoptr(RosterRemovalBatch) copy = roster_removal_batch_copy (&batch);
  RosterRemovalBatch *boxed_copy = g_boxed_copy (ROSTER_TYPE_REMOVAL_BATCH, &batch);

  g_assert_cmpstrv (copy->user_ids, ids);
  g_assert_cmpuint (copy->status, ==, 403);
  g_assert_error (copy->error, ROSTER_API_ERROR, ROSTER_API_ERROR_FORBIDDEN);
  g_assert_cmpstr (roster_api_error_get_error_code (copy->error), ==, "insufficient_scope");
  g_assert_cmpstrv (boxed_copy->user_ids, ids);

  g_boxed_free (ROSTER_TYPE_REMOVAL_BATCH, boxed_copy);
  g_clear_error (&batch.error);
}

static void
test_no_credentials (void)
{
  g_autoptr(MockServer) mock = mock_server_new ();
  RosterClient *client = roster_client_new (mock->base_uri);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  items = fetch_page_sync (client, "/api/v2/organizations", "organizations",
                           ROSTER_TYPE_ORGANIZATION, NULL, &error);
  g_assert_null (items);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (mock->requests->len, ==, 0);

  g_assert_finalize_object (client);
}

/* Requests on the wire, seen by a mock server */

static void
test_request_headers (void)
{
  g_autoptr(MockServer) mock = mock_server_new ();
  RosterClient *client = roster_client_new (mock->base_uri);
  const char *ids[] = { "auth0|1", NULL };
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  MockRequest *get_request;
  MockRequest *first_delete;
  MockRequest *second_delete;

  roster_client_set_access_token (client, "  Bearer abc.def.ghi\n");

  items = fetch_page_sync (client, "/api/v2/organizations?take=50", "organizations",
                           ROSTER_TYPE_ORGANIZATION, NULL, &error);
  g_assert_no_error (error);
  remove_members_sync (client, "org_1", ids, &error);
  g_assert_no_error (error);
  remove_members_sync (client, "org_1", ids, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (mock->requests->len, ==, 3);
  get_request = g_ptr_array_index (mock->requests, 0);
  first_delete = g_ptr_array_index (mock->requests, 1);
  second_delete = g_ptr_array_index (mock->requests, 2);

  g_assert_cmpstr (get_request->method, ==, "GET");
  g_assert_cmpstr (get_request->authorization, ==, "Bearer abc.def.ghi");
  g_assert_cmpstr (get_request->accept, ==, "application/json");
  g_assert_cmpstr (get_request->user_agent, ==, "Roster/" PACKAGE_VERSION);
  g_assert_null (get_request->correlation_id);
  g_assert_null (get_request->body);

  g_assert_cmpstr (first_delete->method, ==, "DELETE");
  g_assert_cmpstr (first_delete->path, ==, "/api/v2/organizations/org_1/members");
  g_assert_cmpstr (first_delete->authorization, ==, "Bearer abc.def.ghi");
  g_assert_cmpstr (first_delete->accept, ==, "application/json");
  g_assert_cmpstr (first_delete->content_type, ==, "application/json");
  g_assert_cmpstr (first_delete->body, ==, "{\"members\":[\"auth0|1\"]}");
  g_assert_nonnull (first_delete->correlation_id);
  g_assert_true (g_uuid_string_is_valid (first_delete->correlation_id));
  g_assert_nonnull (second_delete->correlation_id);
  g_assert_cmpstr (first_delete->correlation_id, !=, second_delete->correlation_id);

  g_assert_finalize_object (client);
}

/* SoupServer hands its handlers a decoded path, so this check reads the
 * request line from a plain socket. The handler runs in a worker thread
 * because the client shares the main thread. */

typedef struct
{
  GMutex  mutex;
  char   *request_line;  /* owned, nullable */
} RawRequestLine;

static gboolean
on_raw_connection (GThreadedSocketService *service,
                   GSocketConnection      *connection,
                   GObject                *source_object,
                   gpointer                user_data)
{
  static const char response[] =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
    "Connection: close\r\n\r\n[]";
  RawRequestLine *raw = user_data;
  g_autoptr(GDataInputStream) input = NULL;
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  char *line;
  char *header;

  input = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  g_data_input_stream_set_newline_type (input, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);

  line = g_data_input_stream_read_line (input, NULL, NULL, NULL);
  while ((header = g_data_input_stream_read_line (input, NULL, NULL, NULL)) != NULL
         && header[0] != '\0')
    g_free (header);
  g_free (header);

  g_mutex_lock (&raw->mutex);
  g_free (raw->request_line);
  raw->request_line = line;
  g_mutex_unlock (&raw->mutex);

  g_output_stream_write_all (output, response, strlen (response), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  return TRUE;
}

static void
test_path_encoded_once_on_wire (void)
{
  RawRequestLine raw = { 0 };
  g_autoptr(GSocketService) service = g_threaded_socket_service_new (1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound_address = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_uri = NULL;
  RosterClient *client;

  g_mutex_init (&raw.mutex);
  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound_address, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "run", G_CALLBACK (on_raw_connection), &raw);
  g_socket_service_start (service);

  base_uri = g_strdup_printf ("http://127.0.0.1:%u",
                              g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound_address)));
  client = roster_client_new (base_uri);
  roster_client_set_access_token (client, "token");

  roles = list_member_roles_sync (client, "org_1", "samlp|corp/a:b%c", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (roles->len, ==, 0);

  g_mutex_lock (&raw.mutex);
  g_assert_cmpstr (raw.request_line, ==,
                   "GET /api/v2/organizations/org_1/members/samlp%7Ccorp%2Fa%3Ab%25c/roles?per_page=50 HTTP/1.1");
  g_mutex_unlock (&raw.mutex);

  /* Closing the listener here would race with the cancelled accept, which
   * then warns. The last unref closes it after that. */
  g_socket_service_stop (service);
  g_assert_finalize_object (client);
  g_free (raw.request_line);
  g_mutex_clear (&raw.mutex);
}

static void
test_member_roles_shapes (void)
{
  const char *bodies[] = {
    "[{\"id\":\"rol_1\",\"name\":\"Viewer\",\"description\":\"Reads\"}]",
    "{\"roles\":[{\"id\":\"rol_1\",\"name\":\"Viewer\"}],\"start\":0,\"limit\":50,\"total\":1}",
  };
  g_autoptr(MockServer) mock = mock_server_new ();
  RosterClient *client = roster_client_new (mock->base_uri);

  roster_client_set_access_token (client, "token");

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GPtrArray) roles = NULL;
      g_autoptr(GError) error = NULL;

      mock->list_body = bodies[i];
      roles = list_member_roles_sync (client, "org_1", "auth0|1", &error);
      g_assert_no_error (error);
      g_assert_cmpuint (roles->len, ==, 1);
      g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (roles, 0), "name"), ==, "Viewer");
    }

  g_assert_finalize_object (client);
}

static void
test_fetch_page_invalid_shapes (void)
{
  const char *bodies[] = {
    "{\"foo\": 1}",
    "{\"organizations\": {\"id\": \"org_1\"}}",
    "{\"members\": []}",
    "\"organizations\"",
    "not json",
    "",
    "{\"organizations\": [], \"next\": 5}",
  };
  g_autoptr(MockServer) mock = mock_server_new ();
  RosterClient *client = roster_client_new (mock->base_uri);

  roster_client_set_access_token (client, "token");

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GPtrArray) items = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *next = NULL;

      g_test_message ("body “%s”", bodies[i]);
      mock->list_body = bodies[i];
      items = fetch_page_sync (client, "/api/v2/organizations?take=50", "organizations",
                               ROSTER_TYPE_ORGANIZATION, &next, &error);
      g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_RESPONSE);
      g_assert_null (items);
      g_assert_null (next);
    }

  g_assert_finalize_object (client);
}

static void
test_fetch_page_skips_items_without_id (void)
{
  g_autoptr(MockServer) mock = mock_server_new ();
  RosterClient *client = roster_client_new (mock->base_uri);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;

  roster_client_set_access_token (client, "token");
  mock->list_body = "{\"members\":[{\"user_id\":\"auth0|1\"},{\"email\":\"x@example.com\"},7,null,"
                    "{\"user_id\":\"auth0|2\",\"name\":\"B\"}],\"next\":null}";

  items = fetch_page_sync (client, "/api/v2/organizations/org_1/members?take=50", "members",
                           ROSTER_TYPE_MEMBER, &next, &error);
  g_assert_no_error (error);
  g_assert_null (next);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (roster_member_get_user_id (g_ptr_array_index (items, 0)), ==, "auth0|1");
  g_assert_cmpstr (roster_member_get_user_id (g_ptr_array_index (items, 1)), ==, "auth0|2");

  g_assert_finalize_object (client);
}

static void
test_list_repeated_next_stops (void)
{
  g_autoptr(MockServer) mock = mock_server_new ();
  RosterClient *client = roster_client_new (mock->base_uri);
  g_autoptr(GListStore) store = g_list_store_new (ROSTER_TYPE_ORGANIZATION);
  g_autoptr(GError) error = NULL;

  roster_client_set_access_token (client, "token");
  mock->list_body = "{\"organizations\":[{\"id\":\"org_1\"}],\"next\":\"same\"}";

  list_organizations_sync (client, store, &error);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (mock->requests->len, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);

  g_assert_finalize_object (client);
}

/* Tokens from a mock token endpoint */

static void
test_token_short_lifetime_not_reused (void)
{
  g_autoptr(MockServer) mock = mock_server_new ();
  RosterClient *client = roster_client_new (mock->base_uri);

  roster_client_set_client_credentials (client, MOCK_CLIENT_ID, MOCK_CLIENT_SECRET);

  /* 30 s is inside the 60 s margin: every call needs a new token. */
  mock->expires_in = 30;
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GPtrArray) items = NULL;
      g_autoptr(GError) error = NULL;

      items = fetch_page_sync (client, "/api/v2/organizations", "organizations",
                               ROSTER_TYPE_ORGANIZATION, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpuint (count_mock_requests (mock, "/oauth/token"), ==, 3);

  g_assert_finalize_object (client);
}

static void
test_token_lifetime_reused (void)
{
  const gint64 lifetimes[] = { 120, -1 };

  for (guint l = 0; l < G_N_ELEMENTS (lifetimes); l++)
    {
      g_autoptr(MockServer) mock = mock_server_new ();
      RosterClient *client = roster_client_new (mock->base_uri);

      g_test_message ("expires_in %" G_GINT64_FORMAT, lifetimes[l]);
      roster_client_set_client_credentials (client, MOCK_CLIENT_ID, MOCK_CLIENT_SECRET);
      mock->expires_in = lifetimes[l];

      for (guint i = 0; i < 3; i++)
        {
          g_autoptr(GPtrArray) items = NULL;
          g_autoptr(GError) error = NULL;

          items = fetch_page_sync (client, "/api/v2/organizations", "organizations",
                                   ROSTER_TYPE_ORGANIZATION, NULL, &error);
          g_assert_no_error (error);
        }
      g_assert_cmpuint (count_mock_requests (mock, "/oauth/token"), ==, 1);

      g_assert_finalize_object (client);
    }
}

static void
test_token_audience_custom_domain (void)
{
  g_autoptr(MockServer) mock = mock_server_new ();
  RosterClient *client = roster_client_new (mock->base_uri);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *body;
  MockRequest *token_request;

  /* The mock stands for a custom domain: the token comes from it and the API
   * is called on it, but the audience names the canonical domain. */
  roster_client_set_client_credentials (client, MOCK_CLIENT_ID, MOCK_CLIENT_SECRET);
  roster_client_set_audience_domain (client, "travel0.us.auth0.com");
  items = fetch_page_sync (client, "/api/v2/organizations", "organizations",
                           ROSTER_TYPE_ORGANIZATION, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (mock->requests->len, ==, 2);
  token_request = g_ptr_array_index (mock->requests, 0);
  g_assert_cmpstr (token_request->path, ==, "/oauth/token");

  json_parser_load_from_data (parser, token_request->body, -1, &error);
  g_assert_no_error (error);
  body = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (body, "audience"), ==,
                   "https://travel0.us.auth0.com/api/v2/");

  g_assert_finalize_object (client);
}

static void
test_access_token_scopes (DemoFixture   *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RosterJwtClaims) claims = NULL;
  g_autoptr(GError) error = NULL;
  char *token;

  roster_demo_tenant_set_scopes (fixture->tenant, "read:organizations read:organization_members");
  client = new_credentials_client (fixture, ROSTER_DEMO_CLIENT_ID, ROSTER_DEMO_CLIENT_SECRET);

  roster_client_get_access_token_async (client, NULL, on_async_ready, &result);
  wait_for_result (&result);
  token = roster_client_get_access_token_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);

  claims = roster_jwt_decode (token, &error);
  roster_client_free_token (token);
  g_assert_no_error (error);
  g_assert_true (roster_jwt_claims_has_scope (claims, "read:organization_members"));
  g_assert_false (roster_jwt_claims_has_scope (claims, "delete:organization_members"));
  g_assert_cmpuint (count_requests (fixture->tenant, "POST", "/oauth/token"), ==, 1);
}

static void
on_picture_fetched (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* Pictures come from hosts outside the tenant: plain http is refused
 * before any request, except on loopback, and no token is sent. */
static void
test_fetch_picture_checks_scheme (DemoFixture   *fixture,
                                  gconstpointer  user_data)
{
  const char *refused[] = { "http://example.com/a.png", "ftp://example.com/a.png", "not a url", NULL };
  g_autofree char *demo_picture = g_strdup_printf ("%s/avatars/al.svg", fixture->base_uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  RosterDemoRequest *request;

  for (guint i = 0; refused[i] != NULL; i++)
    {
      g_autoptr(GAsyncResult) refused_result = NULL;
      g_autoptr(GBytes) refused_bytes = NULL;
      g_autoptr(GError) refused_error = NULL;

      roster_client_fetch_picture_async (fixture->client, refused[i], NULL, on_picture_fetched, &refused_result);
      wait_for_result (&refused_result);
      refused_bytes = roster_client_fetch_picture_finish (fixture->client, refused_result, &refused_error);

      g_assert_null (refused_bytes);
      g_assert_error (refused_error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_ARGUMENT);
    }

  g_assert_cmpuint (roster_demo_tenant_get_requests (fixture->tenant)->len, ==, 0);

  roster_client_fetch_picture_async (fixture->client, demo_picture, NULL, on_picture_fetched, &result);
  wait_for_result (&result);
  bytes = roster_client_fetch_picture_finish (fixture->client, result, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 0);

  requests = find_requests (fixture->tenant, "GET", "/avatars/");
  g_assert_cmpuint (requests->len, ==, 1);
  request = g_ptr_array_index (requests, 0);
  g_assert_cmpuint (request->status, ==, 200);
}

static void
test_token_request_on_wire (void)
{
  g_autoptr(MockServer) mock = mock_server_new ();
  RosterClient *client = roster_client_new (mock->base_uri);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *audience = roster_tenant_get_audience (mock->base_uri);
  JsonObject *body;
  MockRequest *token_request;
  MockRequest *api_request;

  roster_client_set_client_credentials (client, MOCK_CLIENT_ID, MOCK_CLIENT_SECRET);
  items = fetch_page_sync (client, "/api/v2/organizations", "organizations",
                           ROSTER_TYPE_ORGANIZATION, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (mock->requests->len, ==, 2);
  token_request = g_ptr_array_index (mock->requests, 0);
  api_request = g_ptr_array_index (mock->requests, 1);

  g_assert_cmpstr (token_request->method, ==, "POST");
  g_assert_cmpstr (token_request->path, ==, "/oauth/token");
  g_assert_cmpstr (token_request->content_type, ==, "application/json");
  g_assert_null (token_request->authorization);
  g_assert_true (g_uuid_string_is_valid (token_request->correlation_id));

  json_parser_load_from_data (parser, token_request->body, -1, &error);
  g_assert_no_error (error);
  body = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (body, "grant_type"), ==, "client_credentials");
  g_assert_cmpstr (json_object_get_string_member (body, "client_id"), ==, MOCK_CLIENT_ID);
  g_assert_cmpstr (json_object_get_string_member (body, "client_secret"), ==, MOCK_CLIENT_SECRET);
  g_assert_cmpstr (json_object_get_string_member (body, "audience"), ==, audience);

  g_assert_cmpstr (api_request->authorization, ==, "Bearer " MOCK_TOKEN_PREFIX "-1");

  g_assert_finalize_object (client);
}

static void
assert_log_has_no_secrets (const char *log)
{
  g_assert_null (strstr (log, MOCK_TOKEN_PREFIX));
  g_assert_null (strstr (log, MOCK_CLIENT_SECRET));
  g_assert_null (strstr (log, "Bearer"));
  g_assert_null (strstr (log, "access_token"));
  g_assert_null (strstr (log, "client_secret"));
}

static void
test_log_has_no_token_or_secret (void)
{
  g_autoptr(MockServer) mock = mock_server_new ();
  RosterClient *client = roster_client_new (mock->base_uri);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;
  gboolean debug_enabled = g_log_get_debug_enabled ();

  /* The first token gets a 401, so the flow renews it once. */
  mock->rejected_token = MOCK_TOKEN_PREFIX "-1";
  roster_client_set_client_credentials (client, MOCK_CLIENT_ID, MOCK_CLIENT_SECRET);

  g_log_set_debug_enabled (TRUE);
  captured_log = g_string_new (NULL);

  items = fetch_page_sync (client, "/api/v2/organizations?take=50", "organizations",
                           ROSTER_TYPE_ORGANIZATION, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&items, g_ptr_array_unref);

  roster_client_set_access_token (client, "Bearer " MOCK_TOKEN_PREFIX "-fixed");
  items = fetch_page_sync (client, "/api/v2/organizations", "organizations",
                           ROSTER_TYPE_ORGANIZATION, NULL, &error);
  g_assert_no_error (error);

  log = g_string_free (g_steal_pointer (&captured_log), FALSE);
  g_log_set_debug_enabled (debug_enabled);

  g_test_message ("captured log:\n%s", log);
  g_assert_cmpuint (count_mock_requests (mock, "/oauth/token"), ==, 2);
  g_assert_nonnull (strstr (log, "POST /oauth/token: HTTP 200"));
  g_assert_nonnull (strstr (log, "GET /api/v2/organizations: HTTP 401"));
  g_assert_nonnull (strstr (log, "GET /api/v2/organizations: HTTP 200"));
  assert_log_has_no_secrets (log);

  g_assert_finalize_object (client);
}

/* fetch_page against the demo tenant */

typedef struct
{
  const char *path_and_query;
  const char *collection_key;
  guint       n_items;
  gboolean    has_next;
} ShapeCase;

static GType
item_type_for_key (const char *collection_key)
{
  return g_str_equal (collection_key, "members") ? ROSTER_TYPE_MEMBER : ROSTER_TYPE_ORGANIZATION;
}

static void
test_fetch_page_shapes (DemoFixture   *fixture,
                        gconstpointer  user_data)
{
  const ShapeCase cases[] = {
    /* Bare array: the default. */
    { "/api/v2/organizations", "organizations", 50, FALSE },
    { "/api/v2/organizations/" ROSTER_DEMO_ORG_ACME "/members", "members", 30, FALSE },
    /* Offset paging with totals. */
    { "/api/v2/organizations?include_totals=true&per_page=10", "organizations", 10, FALSE },
    { "/api/v2/organizations/" ROSTER_DEMO_ORG_ACME "/members?include_totals=true&per_page=10&page=1",
      "members", 10, FALSE },
    /* Checkpoint paging. */
    { "/api/v2/organizations?take=10", "organizations", 10, TRUE },
    { "/api/v2/organizations/" ROSTER_DEMO_ORG_ACME "/members?take=10", "members", 10, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) items = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *next = NULL;
      GType item_type = item_type_for_key (cases[i].collection_key);

      g_test_message ("GET %s", cases[i].path_and_query);
      items = fetch_page_sync (fixture->client, cases[i].path_and_query, cases[i].collection_key,
                               item_type, &next, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (items->len, ==, cases[i].n_items);
      g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (g_ptr_array_index (items, 0), item_type));
      g_assert_cmpint (next != NULL, ==, cases[i].has_next);
    }
}

static void
test_fetch_page_checkpoint_follows_next (DemoFixture   *fixture,
                                         gconstpointer  user_data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;
  g_autofree char *second_next = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  first = fetch_page_sync (fixture->client, "/api/v2/organizations?take=10", "organizations",
                           ROSTER_TYPE_ORGANIZATION, &next, &error);
  g_assert_no_error (error);
  g_assert_nonnull (next);

  escaped = g_uri_escape_string (next, NULL, FALSE);
  path = g_strdup_printf ("/api/v2/organizations?take=10&from=%s", escaped);
  second = fetch_page_sync (fixture->client, path, "organizations", ROSTER_TYPE_ORGANIZATION,
                            &second_next, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->len, ==, 10);
  g_assert_cmpstr (roster_organization_get_id (g_ptr_array_index (first, 9)), !=,
                   roster_organization_get_id (g_ptr_array_index (second, 0)));
}

static void
test_fetch_page_trailing_next (DemoFixture   *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;
  g_autofree char *second_next = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  /* ACME's 30 members fit in one page, and Auth0 still sends "next". */
  first = fetch_page_sync (fixture->client,
                           "/api/v2/organizations/" ROSTER_DEMO_ORG_ACME "/members?take=50",
                           "members", ROSTER_TYPE_MEMBER, &next, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 30);
  g_assert_nonnull (next);

  escaped = g_uri_escape_string (next, NULL, FALSE);
  path = g_strdup_printf ("/api/v2/organizations/" ROSTER_DEMO_ORG_ACME "/members?take=50&from=%s",
                          escaped);
  second = fetch_page_sync (fixture->client, path, "members", ROSTER_TYPE_MEMBER,
                            &second_next, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->len, ==, 0);
  g_assert_null (second_next);
}

/* Listing against the demo tenant */

static void
test_list_members_trailing_next (DemoFixture   *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(GListStore) store = g_list_store_new (ROSTER_TYPE_MEMBER);
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;
  RosterDemoRequest *first;
  RosterDemoRequest *second;

  list_members_sync (fixture->client, ROSTER_DEMO_ORG_ACME, store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 30);

  requests = find_requests (fixture->tenant, "GET", "/api/v2/organizations/" ROSTER_DEMO_ORG_ACME "/members");
  g_assert_cmpuint (requests->len, ==, 2);
  first = g_ptr_array_index (requests, 0);
  second = g_ptr_array_index (requests, 1);
  g_assert_cmpstr (first->query, ==, "take=50&fields=user_id,email,name,picture&include_fields=true");
  g_assert_true (g_str_has_prefix (second->query,
                                   "take=50&fields=user_id,email,name,picture&include_fields=true&from="));
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  GArray *additions = user_data;

  g_assert_cmpuint (removed, ==, 0);
  g_array_append_val (additions, added);
}

static void
test_list_members_large (DemoFixture   *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GListStore) store = g_list_store_new (ROSTER_TYPE_MEMBER);
  g_autoptr(GArray) additions = g_array_new (FALSE, FALSE, sizeof (guint));
  g_auto(GStrv) expected_ids = NULL;
  g_autoptr(GError) error = NULL;
  guint n_items;

  g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed), additions);

  list_members_sync (fixture->client, ROSTER_DEMO_ORG_LARGE, store, NULL, &error);
  g_assert_no_error (error);

  expected_ids = roster_demo_tenant_list_member_ids (fixture->tenant, ROSTER_DEMO_ORG_LARGE);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_assert_cmpuint (n_items, ==, ROSTER_DEMO_LARGE_MEMBER_COUNT);
  g_assert_cmpuint (g_strv_length (expected_ids), ==, n_items);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RosterMember) member = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_assert_cmpstr (roster_member_get_user_id (member), ==, expected_ids[i]);
    }

  /* One splice per non-empty page of at most 50. */
  g_assert_cmpuint (additions->len, ==, (ROSTER_DEMO_LARGE_MEMBER_COUNT + 49) / 50);
  for (guint i = 0; i < additions->len; i++)
    g_assert_cmpuint (g_array_index (additions, guint, i), <=, ROSTER_CLIENT_PAGE_SIZE);
}

static void
test_list_organizations_two_pages (DemoFixture   *fixture,
                                   gconstpointer  user_data)
{
  g_autoptr(GListStore) store = g_list_store_new (ROSTER_TYPE_ORGANIZATION);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  guint n_items;

  list_organizations_sync (fixture->client, store, &error);
  g_assert_no_error (error);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_assert_cmpuint (n_items, >, ROSTER_CLIENT_PAGE_SIZE);
  g_assert_cmpuint (n_items, <=, 2 * ROSTER_CLIENT_PAGE_SIZE);
  g_assert_cmpuint (count_requests (fixture->tenant, "GET", "/api/v2/organizations"), >=, 2);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RosterOrganization) organization = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_assert_true (g_hash_table_add (ids, (gpointer) roster_organization_get_id (organization)));
    }
}

static void
cancel_after_first_page (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         gpointer    user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_list_members_cancel (DemoFixture   *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GListStore) store = g_list_store_new (ROSTER_TYPE_MEMBER);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_signal_connect (store, "items-changed", G_CALLBACK (cancel_after_first_page), cancellable);

  list_members_sync (fixture->client, ROSTER_DEMO_ORG_LARGE, store, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, ROSTER_CLIENT_PAGE_SIZE);
  g_assert_cmpuint (count_requests (fixture->tenant, "GET", NULL), ==, 1);
}

static void
test_list_members_empty_organization (DemoFixture   *fixture,
                                      gconstpointer  user_data)
{
  g_autoptr(GListStore) store = g_list_store_new (ROSTER_TYPE_MEMBER);
  g_autoptr(GError) error = NULL;

  list_members_sync (fixture->client, ROSTER_DEMO_ORG_EMPTY, store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
}

/* Ids with "|", ":" and "/" in paths */

static void
test_member_roles_encoded_once (DemoFixture   *fixture,
                                gconstpointer  user_data)
{
  g_auto(GStrv) member_ids = roster_demo_tenant_list_member_ids (fixture->tenant, ROSTER_DEMO_ORG_ACME);
  const char *user_id = find_member_id_with_prefix (member_ids, "samlp|corp/");
  g_autofree char *expected_path = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GError) error = NULL;
  RosterDemoRequest *request;

  g_assert_nonnull (user_id);
  roles = list_member_roles_sync (fixture->client, ROSTER_DEMO_ORG_ACME, user_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (roles);

  expected_path = roster_client_build_path ("organizations", ROSTER_DEMO_ORG_ACME, "members",
                                            user_id, "roles", NULL);
  requests = find_requests (fixture->tenant, "GET", NULL);
  g_assert_cmpuint (requests->len, ==, 1);
  request = g_ptr_array_index (requests, 0);

  g_assert_cmpstr (request->path, ==, expected_path);
  g_assert_nonnull (strstr (request->path, "samlp%7Ccorp%2F"));
  g_assert_null (strstr (request->path, "%25"));
  g_assert_null (strstr (request->path, "|"));
  g_assert_cmpuint (request->status, ==, 200);
}

static void
test_member_roles_colon_and_unicode (DemoFixture   *fixture,
                                     gconstpointer  user_data)
{
  g_auto(GStrv) member_ids = roster_demo_tenant_list_member_ids (fixture->tenant, ROSTER_DEMO_ORG_ACME);
  guint n_checked = 0;

  /* Every ACME member, so ids with ":" and non-ASCII letters are included. */
  for (guint i = 0; member_ids[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) roles = NULL;
      g_autoptr(GError) error = NULL;

      if (strchr (member_ids[i], ':') == NULL && g_str_is_ascii (member_ids[i]))
        continue;

      g_test_message ("user id “%s”", member_ids[i]);
      roles = list_member_roles_sync (fixture->client, ROSTER_DEMO_ORG_ACME, member_ids[i], &error);
      g_assert_no_error (error);
      n_checked++;
    }

  g_assert_cmpuint (n_checked, >, 0);
}

/* Removal against the demo tenant */

static void
test_remove_members_body (DemoFixture   *fixture,
                          gconstpointer  user_data)
{
  g_auto(GStrv) member_ids = roster_demo_tenant_list_member_ids (fixture->tenant, ROSTER_DEMO_ORG_ACME);
  const char *samlp_id = find_member_id_with_prefix (member_ids, "samlp|corp/");
  const char *ids[] = { member_ids[0], member_ids[1], samlp_id, NULL };
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sent_ids = NULL;
  RosterDemoRequest *request;

  g_assert_nonnull (samlp_id);
  g_assert_cmpstr (member_ids[0], !=, samlp_id);
  g_assert_cmpstr (member_ids[1], !=, samlp_id);

  g_assert_true (remove_members_sync (fixture->client, ROSTER_DEMO_ORG_ACME, ids, &error));
  g_assert_no_error (error);

  requests = find_requests (fixture->tenant, "DELETE", NULL);
  g_assert_cmpuint (requests->len, ==, 1);
  request = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (request->path, ==, "/api/v2/organizations/" ROSTER_DEMO_ORG_ACME "/members");
  g_assert_cmpuint (request->status, ==, 204);

  sent_ids = parse_removal_body (request->body);
  g_assert_cmpstrv (sent_ids, ids);
  g_assert_nonnull (strstr (request->body, samlp_id));

  for (guint i = 0; ids[i] != NULL; i++)
    g_assert_false (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_ACME, ids[i]));
}

static void
test_remove_members_invalid_count (DemoFixture   *fixture,
                                   gconstpointer  user_data)
{
  g_auto(GStrv) member_ids = roster_demo_tenant_list_member_ids (fixture->tenant, ROSTER_DEMO_ORG_ACME);
  const char *no_ids[] = { NULL };
  g_autofree const char **eleven_ids = g_new0 (const char *, 12);
  const char *empty_id[] = { "", NULL };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 11; i++)
    eleven_ids[i] = member_ids[i];

  g_assert_false (remove_members_sync (fixture->client, ROSTER_DEMO_ORG_ACME, no_ids, &error));
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_false (remove_members_sync (fixture->client, ROSTER_DEMO_ORG_ACME, eleven_ids, &error));
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_false (remove_members_sync (fixture->client, ROSTER_DEMO_ORG_ACME, empty_id, &error));
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_ARGUMENT);

  g_assert_cmpuint (roster_demo_tenant_get_requests (fixture->tenant)->len, ==, 0);
}

typedef struct
{
  GPtrArray    *seen;         /* owned: RosterRemovalBatch copies */
  GCancellable *cancellable;  /* unowned, nullable: cancelled after the first batch */
} BatchRecorder;

static void
record_batch (const RosterRemovalBatch *batch,
              gpointer                  user_data)
{
  BatchRecorder *recorder = user_data;

  g_ptr_array_add (recorder->seen, roster_removal_batch_copy (batch));

  if (recorder->cancellable != NULL)
    g_cancellable_cancel (recorder->cancellable);
}

static void
test_remove_batched_chunks (DemoFixture   *fixture,
                            gconstpointer  user_data)
{
  g_auto(GStrv) member_ids = roster_demo_tenant_list_member_ids (fixture->tenant, ROSTER_DEMO_ORG_LARGE);
  g_autofree const char **ids = g_new0 (const char *, 24);
  const guint expected_sizes[] = { 10, 10, 3 };
  BatchRecorder recorder = { g_ptr_array_new_with_free_func ((GDestroyNotify) roster_removal_batch_free), NULL };
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;
  guint offset = 0;

  for (guint i = 0; i < 23; i++)
    ids[i] = member_ids[i];

  batches = remove_members_batched_sync (fixture->client, ROSTER_DEMO_ORG_LARGE, ids,
                                         record_batch, &recorder, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batches->len, ==, 3);
  g_assert_cmpuint (recorder.seen->len, ==, 3);

  requests = find_requests (fixture->tenant, "DELETE", NULL);
  g_assert_cmpuint (requests->len, ==, 3);

  for (guint i = 0; i < 3; i++)
    {
      RosterRemovalBatch *batch = g_ptr_array_index (batches, i);
      RosterRemovalBatch *seen = g_ptr_array_index (recorder.seen, i);
      RosterDemoRequest *request = g_ptr_array_index (requests, i);
      g_auto(GStrv) sent_ids = parse_removal_body (request->body);

      g_assert_cmpuint (g_strv_length (batch->user_ids), ==, expected_sizes[i]);
      g_assert_cmpuint (g_strv_length (sent_ids), ==, expected_sizes[i]);
      for (guint j = 0; j < expected_sizes[i]; j++)
        {
          g_assert_cmpstr (sent_ids[j], ==, ids[offset + j]);
          g_assert_cmpstr (batch->user_ids[j], ==, ids[offset + j]);
        }
      g_assert_cmpstrv (seen->user_ids, batch->user_ids);

      g_assert_cmpuint (batch->status, ==, 204);
      g_assert_no_error (batch->error);
      offset += expected_sizes[i];
    }

  for (guint i = 0; i < 23; i++)
    g_assert_false (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_LARGE, ids[i]));
  g_assert_true (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_LARGE, member_ids[23]));

  g_ptr_array_unref (recorder.seen);
}

static void
test_remove_batched_continues_after_failure (DemoFixture   *fixture,
                                             gconstpointer  user_data)
{
  g_auto(GStrv) member_ids = roster_demo_tenant_list_member_ids (fixture->tenant, ROSTER_DEMO_ORG_LARGE);
  g_autofree const char **ids = g_new0 (const char *, 26);
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GError) error = NULL;
  RosterRemovalBatch *failed;

  for (guint i = 0; i < 25; i++)
    ids[i] = member_ids[i];

  roster_demo_tenant_inject_failure (fixture->tenant, "DELETE", NULL, 403, "insufficient_scope",
                                     "Insufficient scope, expected any of: delete:organization_members");

  batches = remove_members_batched_sync (fixture->client, ROSTER_DEMO_ORG_LARGE, ids,
                                         NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batches->len, ==, 3);
  g_assert_cmpuint (count_requests (fixture->tenant, "DELETE", NULL), ==, 3);

  failed = g_ptr_array_index (batches, 0);
  g_assert_cmpuint (failed->status, ==, 403);
  g_assert_error (failed->error, ROSTER_API_ERROR, ROSTER_API_ERROR_FORBIDDEN);
  g_assert_cmpstr (roster_api_error_get_error_code (failed->error), ==, "insufficient_scope");
  g_assert_true (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_LARGE, ids[0]));

  for (guint i = 1; i < 3; i++)
    {
      RosterRemovalBatch *batch = g_ptr_array_index (batches, i);

      g_assert_cmpuint (batch->status, ==, 204);
      g_assert_no_error (batch->error);
    }
  g_assert_false (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_LARGE, ids[24]));
}

static void
test_remove_batched_cancel_between_requests (DemoFixture   *fixture,
                                             gconstpointer  user_data)
{
  g_auto(GStrv) member_ids = roster_demo_tenant_list_member_ids (fixture->tenant, ROSTER_DEMO_ORG_LARGE);
  g_autofree const char **ids = g_new0 (const char *, 31);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  BatchRecorder recorder = { g_ptr_array_new_with_free_func ((GDestroyNotify) roster_removal_batch_free), cancellable };
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GError) error = NULL;
  RosterRemovalBatch *batch;

  for (guint i = 0; i < 30; i++)
    ids[i] = member_ids[i];

  batches = remove_members_batched_sync (fixture->client, ROSTER_DEMO_ORG_LARGE, ids,
                                         record_batch, &recorder, cancellable, &error);
  g_assert_no_error (error);

  /* The first request had its response before the cancellation, so it is
   * reported as done, and no second request went out. */
  g_assert_cmpuint (batches->len, ==, 1);
  batch = g_ptr_array_index (batches, 0);
  g_assert_cmpuint (batch->status, ==, 204);
  g_assert_no_error (batch->error);
  g_assert_cmpuint (count_requests (fixture->tenant, "DELETE", NULL), ==, 1);
  g_assert_cmpuint (recorder.seen->len, ==, 1);

  g_ptr_array_unref (recorder.seen);
}

static gboolean
cancel_on_timeout (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_remove_batched_cancel_in_flight (void)
{
  g_autoptr(RosterDemoTenant) tenant = roster_demo_tenant_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *base_uri = NULL;
  g_autofree char *token = NULL;
  g_auto(GStrv) member_ids = NULL;
  g_autofree const char **ids = g_new0 (const char *, 21);
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GError) error = NULL;
  RosterRemovalBatch *batch;
  RosterClient *client;

  roster_demo_tenant_set_latency (tenant, 2000);
  roster_demo_tenant_start (tenant, 0, &error);
  g_assert_no_error (error);

  base_uri = roster_tenant_parse_domain (roster_demo_tenant_get_base_uri (tenant), &error);
  g_assert_no_error (error);
  client = roster_client_new (base_uri);
  token = roster_demo_tenant_mint_token (tenant, NULL);
  roster_client_set_access_token (client, token);

  member_ids = roster_demo_tenant_list_member_ids (tenant, ROSTER_DEMO_ORG_LARGE);
  for (guint i = 0; i < 20; i++)
    ids[i] = member_ids[i];

  g_timeout_add (200, cancel_on_timeout, cancellable);
  batches = remove_members_batched_sync (client, ROSTER_DEMO_ORG_LARGE, ids, NULL, NULL,
                                         cancellable, &error);
  g_assert_no_error (error);

  /* No response came before the cancellation, so the batch reports status 0
   * and the cancellation instead of success or failure. */
  g_assert_cmpuint (batches->len, ==, 1);
  batch = g_ptr_array_index (batches, 0);
  g_assert_cmpuint (batch->status, ==, 0);
  g_assert_error (batch->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (g_strv_length (batch->user_ids), ==, 10);

  g_assert_finalize_object (client);
}

static void
test_remove_batched_empty (DemoFixture   *fixture,
                           gconstpointer  user_data)
{
  const char *no_ids[] = { NULL };
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GError) error = NULL;

  batches = remove_members_batched_sync (fixture->client, ROSTER_DEMO_ORG_ACME, no_ids,
                                         NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batches->len, ==, 0);
  g_assert_cmpuint (roster_demo_tenant_get_requests (fixture->tenant)->len, ==, 0);
}

/* Error statuses injected into the demo tenant */

typedef struct
{
  const char *method;
  guint       status;
  const char *error_code;
  const char *message;
  int         expected_code;
} InjectedFailure;

static void
assert_injected_failure (DemoFixture           *fixture,
                         const InjectedFailure *failure)
{
  g_auto(GStrv) member_ids = roster_demo_tenant_list_member_ids (fixture->tenant, ROSTER_DEMO_ORG_ACME);
  const char *ids[] = { member_ids[0], NULL };
  g_autoptr(GError) error = NULL;
  gboolean success;

  roster_demo_tenant_inject_failure (fixture->tenant, failure->method,
                                     "/api/v2/organizations/" ROSTER_DEMO_ORG_ACME "/members",
                                     failure->status, failure->error_code, failure->message);

  if (g_str_equal (failure->method, "DELETE"))
    {
      success = remove_members_sync (fixture->client, ROSTER_DEMO_ORG_ACME, ids, &error);
    }
  else
    {
      g_autoptr(GPtrArray) items = NULL;

      items = fetch_page_sync (fixture->client,
                               "/api/v2/organizations/" ROSTER_DEMO_ORG_ACME "/members?take=50",
                               "members", ROSTER_TYPE_MEMBER, NULL, &error);
      success = items != NULL;
    }

  g_assert_false (success);
  g_assert_error (error, ROSTER_API_ERROR, failure->expected_code);
  g_assert_cmpuint (roster_api_error_get_status (error), ==, failure->status);
  g_assert_cmpstr (roster_api_error_get_error_code (error), ==, failure->error_code);
  g_assert_cmpstr (roster_api_error_get_auth0_message (error), ==, failure->message);
  g_assert_cmpstr (error->message, ==, failure->message);
  g_assert_nonnull (roster_api_error_get_auth0_error (error));
}

static void
test_injected_failures (DemoFixture   *fixture,
                        gconstpointer  user_data)
{
  const InjectedFailure failures[] = {
    { "GET", 400, "invalid_query_string", "Query validation error: 'Invalid value' on property take",
      ROSTER_API_ERROR_BAD_REQUEST },
    { "DELETE", 400, "invalid_body", "Payload validation error: 'Expected type object but found type null'.",
      ROSTER_API_ERROR_BAD_REQUEST },
    { "GET", 401, NULL, "Invalid token.", ROSTER_API_ERROR_UNAUTHORIZED },
    { "GET", 401, NULL, "Invalid signature received for JSON Web Token validation.",
      ROSTER_API_ERROR_UNAUTHORIZED },
    { "DELETE", 401, NULL, "Client is not global.", ROSTER_API_ERROR_UNAUTHORIZED },
    { "DELETE", 403, "insufficient_scope", "Insufficient scope, expected any of: delete:organization_members",
      ROSTER_API_ERROR_FORBIDDEN },
    { "GET", 404, NULL, "No organization found by that id or name", ROSTER_API_ERROR_NOT_FOUND },
    { "GET", 500, NULL, "Internal Server Error", ROSTER_API_ERROR_SERVER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_test_message ("%s with status %u", failures[i].method, failures[i].status);
      assert_injected_failure (fixture, &failures[i]);
    }
}

static void
test_injected_rate_limit (DemoFixture   *fixture,
                          gconstpointer  user_data)
{
  g_auto(GStrv) member_ids = roster_demo_tenant_list_member_ids (fixture->tenant, ROSTER_DEMO_ORG_ACME);
  const char *ids[] = { member_ids[0], NULL };
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 reset;

  /* One attempt, so that the 429 is the result instead of being retried. */
  roster_write_scheduler_set_max_attempts (roster_client_get_write_scheduler (fixture->client), 1);
  roster_demo_tenant_inject_failure (fixture->tenant, "DELETE", NULL, 429, "too_many_requests",
                                     "Global limit has been reached");

  g_assert_false (remove_members_sync (fixture->client, ROSTER_DEMO_ORG_ACME, ids, &error));
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_RATE_LIMITED);
  g_assert_cmpuint (roster_api_error_get_status (error), ==, 429);
  g_assert_cmpstr (roster_api_error_get_error_code (error), ==, "too_many_requests");

  /* The tenant sets the reset one second ahead, in Unix seconds. */
  reset = roster_api_error_get_rate_limit_reset (error);
  g_assert_cmpint (reset, >=, now);
  g_assert_cmpint (reset, <=, now + 5);
  g_assert_true (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_ACME, ids[0]));
}

static void
test_no_content_is_success (DemoFixture   *fixture,
                            gconstpointer  user_data)
{
  g_auto(GStrv) member_ids = roster_demo_tenant_list_member_ids (fixture->tenant, ROSTER_DEMO_ORG_ACME);
  const char *ids[] = { member_ids[0], NULL };
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GError) error = NULL;
  RosterRemovalBatch *batch;

  /* NOTE: the demo tenant injects only statuses 400 to 599, so this 204 is
   * a real removal. */
  batches = remove_members_batched_sync (fixture->client, ROSTER_DEMO_ORG_ACME, ids,
                                         NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batches->len, ==, 1);
  batch = g_ptr_array_index (batches, 0);
  g_assert_cmpuint (batch->status, ==, 204);
  g_assert_no_error (batch->error);
}

/* Real authorization failures of the demo tenant */

static void
assert_unauthorized (RosterClient *client,
                     const char   *expected_message)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  items = fetch_page_sync (client, "/api/v2/organizations?take=50", "organizations",
                           ROSTER_TYPE_ORGANIZATION, NULL, &error);
  g_assert_null (items);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (roster_api_error_get_status (error), ==, 401);
  g_assert_cmpstr (roster_api_error_get_auth0_message (error), ==, expected_message);
}

static void
test_real_garbled_token (DemoFixture   *fixture,
                         gconstpointer  user_data)
{
  roster_client_set_access_token (fixture->client, "garbled-token-that-is-no-jwt");
  assert_unauthorized (fixture->client, "Invalid token.");
}

static void
test_real_broken_signature (DemoFixture   *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *token = g_strdup (fixture->token);
  char *signature = strrchr (token, '.');

  g_assert_nonnull (signature);
  g_assert_cmpint (signature[1], !=, '\0');

  /* Changing the first character changes the first decoded byte. */
  signature[1] = signature[1] == 'A' ? 'B' : 'A';
  roster_client_set_access_token (fixture->client, token);
  assert_unauthorized (fixture->client, "Invalid signature received for JSON Web Token validation.");
}

static void
test_real_non_global_client (DemoFixture   *fixture,
                             gconstpointer  user_data)
{
  RosterClient *client = new_credentials_client (fixture, ROSTER_DEMO_NON_GLOBAL_CLIENT_ID,
                                                 ROSTER_DEMO_CLIENT_SECRET);

  assert_unauthorized (client, "Client is not global.");

  /* The 401 renewed the token once, and the second 401 was final. */
  g_assert_cmpuint (count_requests (fixture->tenant, "POST", "/oauth/token"), ==, 2);
  g_assert_cmpuint (count_requests (fixture->tenant, "GET", "/api/v2/organizations"), ==, 2);

  g_assert_finalize_object (client);
}

static void
test_real_insufficient_scope (DemoFixture   *fixture,
                              gconstpointer  user_data)
{
  g_auto(GStrv) member_ids = roster_demo_tenant_list_member_ids (fixture->tenant, ROSTER_DEMO_ORG_ACME);
  const char *ids[] = { member_ids[0], NULL };
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;

  token = roster_demo_tenant_mint_token (fixture->tenant,
                                         "read:organizations read:organization_members "
                                         "read:organization_member_roles");
  roster_client_set_access_token (fixture->client, token);

  g_assert_false (remove_members_sync (fixture->client, ROSTER_DEMO_ORG_ACME, ids, &error));
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_FORBIDDEN);
  g_assert_cmpuint (roster_api_error_get_status (error), ==, 403);
  g_assert_cmpstr (roster_api_error_get_error_code (error), ==, "insufficient_scope");
  g_assert_nonnull (strstr (error->message, "delete:organization_members"));
  g_assert_true (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_ACME, ids[0]));
}

/* Client credentials against the demo tenant */

static void
test_credentials_token_reused (DemoFixture   *fixture,
                               gconstpointer  user_data)
{
  RosterClient *client = new_credentials_client (fixture, ROSTER_DEMO_CLIENT_ID,
                                                 ROSTER_DEMO_CLIENT_SECRET);

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GPtrArray) items = NULL;
      g_autoptr(GError) error = NULL;

      items = fetch_page_sync (client, "/api/v2/organizations?take=5", "organizations",
                               ROSTER_TYPE_ORGANIZATION, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (items->len, ==, 5);
    }

  g_assert_cmpuint (count_requests (fixture->tenant, "POST", "/oauth/token"), ==, 1);
  g_assert_cmpuint (count_requests (fixture->tenant, "GET", "/api/v2/organizations"), ==, 20);

  g_assert_finalize_object (client);
}

static void
test_credentials_concurrent_calls_share_token (DemoFixture   *fixture,
                                               gconstpointer  user_data)
{
  RosterClient *client = new_credentials_client (fixture, ROSTER_DEMO_CLIENT_ID,
                                                 ROSTER_DEMO_CLIENT_SECRET);
  GAsyncResult *results[5] = { NULL };

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    roster_client_fetch_page_async (client, "/api/v2/organizations?take=5", "organizations",
                                    ROSTER_TYPE_ORGANIZATION, NULL, on_async_ready, &results[i]);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(GPtrArray) items = NULL;
      g_autoptr(GError) error = NULL;

      wait_for_result (&results[i]);
      items = roster_client_fetch_page_finish (client, results[i], NULL, &error);
      g_assert_no_error (error);
      g_clear_object (&results[i]);
    }

  g_assert_cmpuint (count_requests (fixture->tenant, "POST", "/oauth/token"), ==, 1);

  g_assert_finalize_object (client);
}

static void
test_credentials_cancel_while_waiting_for_token (DemoFixture   *fixture,
                                                 gconstpointer  user_data)
{
  RosterClient *client = new_credentials_client (fixture, ROSTER_DEMO_CLIENT_ID,
                                                 ROSTER_DEMO_CLIENT_SECRET);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GAsyncResult *cancelled_result = NULL;
  GAsyncResult *other_result = NULL;
  g_autoptr(GPtrArray) cancelled_items = NULL;
  g_autoptr(GPtrArray) other_items = NULL;
  g_autoptr(GError) cancelled_error = NULL;
  g_autoptr(GError) other_error = NULL;

  roster_client_fetch_page_async (client, "/api/v2/organizations?take=5", "organizations",
                                  ROSTER_TYPE_ORGANIZATION, cancellable, on_async_ready,
                                  &cancelled_result);
  roster_client_fetch_page_async (client, "/api/v2/organizations?take=5", "organizations",
                                  ROSTER_TYPE_ORGANIZATION, NULL, on_async_ready, &other_result);
  g_cancellable_cancel (cancellable);

  wait_for_result (&cancelled_result);
  cancelled_items = roster_client_fetch_page_finish (client, cancelled_result, NULL, &cancelled_error);
  g_assert_error (cancelled_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* The shared token request goes on for the caller that did not cancel. */
  wait_for_result (&other_result);
  other_items = roster_client_fetch_page_finish (client, other_result, NULL, &other_error);
  g_assert_no_error (other_error);
  g_assert_cmpuint (other_items->len, ==, 5);

  g_clear_object (&cancelled_result);
  g_clear_object (&other_result);
  g_assert_finalize_object (client);
}

static void
test_credentials_renew_once_after_401 (DemoFixture   *fixture,
                                       gconstpointer  user_data)
{
  RosterClient *client = new_credentials_client (fixture, ROSTER_DEMO_CLIENT_ID,
                                                 ROSTER_DEMO_CLIENT_SECRET);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GError) error = NULL;

  first = fetch_page_sync (client, "/api/v2/organizations?take=5", "organizations",
                           ROSTER_TYPE_ORGANIZATION, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests (fixture->tenant, "POST", "/oauth/token"), ==, 1);

  roster_demo_tenant_inject_failure (fixture->tenant, "GET", "/api/v2/organizations", 401, NULL,
                                     "Invalid token.");
  second = fetch_page_sync (client, "/api/v2/organizations?take=5", "organizations",
                            ROSTER_TYPE_ORGANIZATION, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->len, ==, 5);

  g_assert_cmpuint (count_requests (fixture->tenant, "POST", "/oauth/token"), ==, 2);
  g_assert_cmpuint (count_requests (fixture->tenant, "GET", "/api/v2/organizations"), ==, 3);

  g_assert_finalize_object (client);
}

static void
test_credentials_second_401_is_final (DemoFixture   *fixture,
                                      gconstpointer  user_data)
{
  RosterClient *client = new_credentials_client (fixture, ROSTER_DEMO_CLIENT_ID,
                                                 ROSTER_DEMO_CLIENT_SECRET);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  roster_demo_tenant_inject_failure (fixture->tenant, "GET", "/api/v2/organizations", 401, NULL,
                                     "Invalid token.");
  roster_demo_tenant_inject_failure (fixture->tenant, "GET", "/api/v2/organizations", 401, NULL,
                                     "Invalid token.");

  items = fetch_page_sync (client, "/api/v2/organizations?take=5", "organizations",
                           ROSTER_TYPE_ORGANIZATION, NULL, &error);
  g_assert_null (items);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (count_requests (fixture->tenant, "POST", "/oauth/token"), ==, 2);
  g_assert_cmpuint (count_requests (fixture->tenant, "GET", "/api/v2/organizations"), ==, 2);

  g_assert_finalize_object (client);
}

static void
test_fixed_token_401_not_renewed (DemoFixture   *fixture,
                                  gconstpointer  user_data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  roster_demo_tenant_inject_failure (fixture->tenant, "GET", NULL, 401, NULL, "Invalid token.");

  items = fetch_page_sync (fixture->client, "/api/v2/organizations?take=5", "organizations",
                           ROSTER_TYPE_ORGANIZATION, NULL, &error);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (count_requests (fixture->tenant, "GET", NULL), ==, 1);
  g_assert_cmpuint (count_requests (fixture->tenant, "POST", "/oauth/token"), ==, 0);
}

static void
test_credentials_wrong_secret (DemoFixture   *fixture,
                               gconstpointer  user_data)
{
  RosterClient *client = new_credentials_client (fixture, ROSTER_DEMO_CLIENT_ID, "wrong-secret");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  const char *description;

  items = fetch_page_sync (client, "/api/v2/organizations?take=5", "organizations",
                           ROSTER_TYPE_ORGANIZATION, NULL, &error);
  g_assert_null (items);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_TOKEN);
  g_assert_cmpuint (roster_api_error_get_status (error), >=, 400);
  g_assert_cmpuint (roster_api_error_get_status (error), <, 500);
  g_assert_nonnull (roster_api_error_get_auth0_error (error));

  description = roster_api_error_get_auth0_message (error);
  g_assert_nonnull (description);
  g_assert_nonnull (strstr (error->message, description));
  g_assert_null (strstr (error->message, "wrong-secret"));

  g_assert_cmpuint (count_requests (fixture->tenant, "GET", NULL), ==, 0);

  g_assert_finalize_object (client);
}

static void
test_log_has_no_demo_token (DemoFixture   *fixture,
                            gconstpointer  user_data)
{
  RosterClient *client = new_credentials_client (fixture, ROSTER_DEMO_CLIENT_ID,
                                                 ROSTER_DEMO_CLIENT_SECRET);
  g_autoptr(GListStore) store = g_list_store_new (ROSTER_TYPE_MEMBER);
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;
  gboolean debug_enabled = g_log_get_debug_enabled ();

  g_log_set_debug_enabled (TRUE);
  captured_log = g_string_new (NULL);

  list_members_sync (fixture->client, ROSTER_DEMO_ORG_ACME, store, NULL, &error);
  g_assert_no_error (error);
  list_members_sync (client, ROSTER_DEMO_ORG_ACME, store, NULL, &error);
  g_assert_no_error (error);

  log = g_string_free (g_steal_pointer (&captured_log), FALSE);
  g_log_set_debug_enabled (debug_enabled);

  g_assert_nonnull (strstr (log, "POST /oauth/token: HTTP 200"));
  g_assert_null (strstr (log, fixture->token));
  g_assert_null (strstr (log, ROSTER_DEMO_CLIENT_SECRET));
  g_assert_null (strstr (log, "Bearer"));
  g_assert_null (strstr (log, "eyJ"));

  g_assert_finalize_object (client);
}

/* Transport failures */

static void
test_connection_refused (void)
{
  SoupServer *server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *base_uri = NULL;
  RosterClient *client;
  GSList *uris;

  /* A port that was just free and is closed again. */
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base_uri = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  soup_server_disconnect (server);
  g_object_unref (server);

  client = roster_client_new (base_uri);
  roster_client_set_access_token (client, "token");

  items = fetch_page_sync (client, "/api/v2/organizations", "organizations",
                           ROSTER_TYPE_ORGANIZATION, NULL, &error);
  g_assert_null (items);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_cmpuint (roster_api_error_get_status (error), ==, 0);

  g_assert_finalize_object (client);
}

/* TLS with a self-signed certificate made at test time */

typedef struct
{
  char *certificate_pem;  /* owned */
  char *private_key_pem;  /* owned */
} TestCertificate;

static char *
datum_to_string (gnutls_datum_t *datum)
{
  char *text = g_strndup ((const char *) datum->data, datum->size);

  gnutls_free (datum->data);
  return text;
}

static void
create_self_signed_certificate (TestCertificate *certificate)
{
  const unsigned char ipv4_loopback[4] = { 127, 0, 0, 1 };
  const unsigned char ipv6_loopback[16] = { [15] = 1 };
  unsigned char serial[16];
  gnutls_x509_privkey_t key;
  gnutls_x509_crt_t crt;
  gnutls_datum_t datum;
  time_t now = time (NULL);

  g_assert_cmpint (gnutls_x509_privkey_init (&key), ==, GNUTLS_E_SUCCESS);
  g_assert_cmpint (gnutls_x509_privkey_generate (key, GNUTLS_PK_ECDSA,
                                                 GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0),
                   ==, GNUTLS_E_SUCCESS);

  for (guint i = 0; i < sizeof serial; i++)
    serial[i] = (unsigned char) g_random_int_range (0, 256);
  serial[0] &= 0x7f;

  g_assert_cmpint (gnutls_x509_crt_init (&crt), ==, GNUTLS_E_SUCCESS);
  gnutls_x509_crt_set_version (crt, 3);
  gnutls_x509_crt_set_serial (crt, serial, sizeof serial);
  gnutls_x509_crt_set_activation_time (crt, now - 3600);
  gnutls_x509_crt_set_expiration_time (crt, now + 3600);
  gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0, "localhost", strlen ("localhost"));
  gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_DNSNAME, "localhost", strlen ("localhost"),
                                        GNUTLS_FSAN_APPEND);
  gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_IPADDRESS, ipv4_loopback,
                                        sizeof ipv4_loopback, GNUTLS_FSAN_APPEND);
  gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_IPADDRESS, ipv6_loopback,
                                        sizeof ipv6_loopback, GNUTLS_FSAN_APPEND);
  gnutls_x509_crt_set_basic_constraints (crt, 1, -1);
  gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_DIGITAL_SIGNATURE | GNUTLS_KEY_KEY_CERT_SIGN);
  gnutls_x509_crt_set_key_purpose_oid (crt, GNUTLS_KP_TLS_WWW_SERVER, 0);
  gnutls_x509_crt_set_key (crt, key);
  g_assert_cmpint (gnutls_x509_crt_sign2 (crt, crt, key, GNUTLS_DIG_SHA256, 0), ==, GNUTLS_E_SUCCESS);

  g_assert_cmpint (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &datum), ==, GNUTLS_E_SUCCESS);
  certificate->certificate_pem = datum_to_string (&datum);
  g_assert_cmpint (gnutls_x509_privkey_export2_pkcs8 (key, GNUTLS_X509_FMT_PEM, NULL,
                                                      GNUTLS_PKCS_PLAIN, &datum),
                   ==, GNUTLS_E_SUCCESS);
  certificate->private_key_pem = datum_to_string (&datum);

  gnutls_x509_crt_deinit (crt);
  gnutls_x509_privkey_deinit (key);
}

static void
on_tls_request (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  guint *handled = user_data;

  (*handled)++;
  set_json_response (message, SOUP_STATUS_OK, "[{\"id\":\"org_tls\",\"name\":\"tls\"}]");
}

static void
test_tls_self_signed (void)
{
  TestCertificate certificate = { NULL, NULL };
  g_autoptr(GTlsCertificate) tls_certificate = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rejected_items = NULL;
  g_autoptr(GPtrArray) accepted_items = NULL;
  g_autofree char *pem_pair = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *ca_path = NULL;
  g_autofree char *base_uri = NULL;
  RosterClient *client;
  guint handled = 0;
  GSList *uris;

  /* The server's certificate is the certificate and key PEM together. */
  create_self_signed_certificate (&certificate);
  pem_pair = g_strconcat (certificate.certificate_pem, certificate.private_key_pem, NULL);
  tls_certificate = g_tls_certificate_new_from_pem (pem_pair, -1, &error);
  g_assert_no_error (error);

  server = soup_server_new ("tls-certificate", tls_certificate, NULL);
  soup_server_add_handler (server, NULL, on_tls_request, &handled, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base_uri = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  client = roster_client_new (base_uri);
  roster_client_set_access_token (client, "token");

  /* The system CA store does not know the certificate. */
  rejected_items = fetch_page_sync (client, "/api/v2/organizations", "organizations",
                                    ROSTER_TYPE_ORGANIZATION, NULL, &error);
  g_assert_null (rejected_items);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_assert_cmpuint (handled, ==, 0);
  g_clear_error (&error);

  directory = g_dir_make_tmp ("roster-test-tls-XXXXXX", &error);
  g_assert_no_error (error);
  ca_path = g_build_filename (directory, "ca.pem", NULL);
  g_file_set_contents (ca_path, certificate.certificate_pem, -1, &error);
  g_assert_no_error (error);
  database = g_tls_file_database_new (ca_path, &error);
  g_assert_no_error (error);

  roster_client_set_tls_database (client, database);
  accepted_items = fetch_page_sync (client, "/api/v2/organizations", "organizations",
                                    ROSTER_TYPE_ORGANIZATION, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accepted_items->len, ==, 1);
  g_assert_cmpuint (handled, ==, 1);

  /* glib-networking reads the CA file again for each handshake. */
  g_unlink (ca_path);
  g_rmdir (directory);

  soup_server_disconnect (server);
  g_assert_finalize_object (client);
  g_free (certificate.certificate_pem);
  g_free (certificate.private_key_pem);
}

#define ADD_DEMO_TEST(path, function) \
  g_test_add (path, DemoFixture, NULL, demo_fixture_set_up, function, demo_fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_log_set_writer_func (capture_log_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/api/build-path", test_build_path);
  g_test_add_func ("/api/member/from-json", test_member_from_json);
  g_test_add_func ("/api/organization/from-json", test_organization_from_json);
  g_test_add_func ("/api/removal-batch/copy", test_removal_batch_copy);
  g_test_add_func ("/api/client/no-credentials", test_no_credentials);

  g_test_add_func ("/api/wire/headers", test_request_headers);
  g_test_add_func ("/api/wire/path-encoded-once", test_path_encoded_once_on_wire);
  g_test_add_func ("/api/wire/member-roles-shapes", test_member_roles_shapes);
  g_test_add_func ("/api/wire/invalid-list-shapes", test_fetch_page_invalid_shapes);
  g_test_add_func ("/api/wire/items-without-id-skipped", test_fetch_page_skips_items_without_id);
  g_test_add_func ("/api/wire/repeated-next-stops", test_list_repeated_next_stops);
  g_test_add_func ("/api/wire/token-request", test_token_request_on_wire);
  g_test_add_func ("/api/wire/short-token-not-reused", test_token_short_lifetime_not_reused);
  g_test_add_func ("/api/wire/token-lifetime-reused", test_token_lifetime_reused);
  g_test_add_func ("/api/wire/log-without-secrets", test_log_has_no_token_or_secret);
  g_test_add_func ("/api/wire/token-audience-custom-domain", test_token_audience_custom_domain);
  g_test_add ("/api/picture/checks-scheme", DemoFixture, NULL,
              demo_fixture_set_up, test_fetch_picture_checks_scheme, demo_fixture_tear_down);
  g_test_add ("/api/token/access-token-scopes", DemoFixture, NULL,
              demo_fixture_set_up, test_access_token_scopes, demo_fixture_tear_down);

  ADD_DEMO_TEST ("/api/fetch-page/shapes", test_fetch_page_shapes);
  ADD_DEMO_TEST ("/api/fetch-page/checkpoint-next", test_fetch_page_checkpoint_follows_next);
  ADD_DEMO_TEST ("/api/fetch-page/trailing-next", test_fetch_page_trailing_next);

  ADD_DEMO_TEST ("/api/list/members-trailing-next", test_list_members_trailing_next);
  ADD_DEMO_TEST ("/api/list/members-large", test_list_members_large);
  ADD_DEMO_TEST ("/api/list/members-empty", test_list_members_empty_organization);
  ADD_DEMO_TEST ("/api/list/members-cancel", test_list_members_cancel);
  ADD_DEMO_TEST ("/api/list/organizations-two-pages", test_list_organizations_two_pages);

  ADD_DEMO_TEST ("/api/roles/encoded-once", test_member_roles_encoded_once);
  ADD_DEMO_TEST ("/api/roles/colon-and-unicode", test_member_roles_colon_and_unicode);

  ADD_DEMO_TEST ("/api/remove/body", test_remove_members_body);
  ADD_DEMO_TEST ("/api/remove/invalid-count", test_remove_members_invalid_count);
  ADD_DEMO_TEST ("/api/remove/batched-chunks", test_remove_batched_chunks);
  ADD_DEMO_TEST ("/api/remove/batched-after-failure", test_remove_batched_continues_after_failure);
  ADD_DEMO_TEST ("/api/remove/batched-cancel", test_remove_batched_cancel_between_requests);
  g_test_add_func ("/api/remove/batched-cancel-in-flight", test_remove_batched_cancel_in_flight);
  ADD_DEMO_TEST ("/api/remove/batched-empty", test_remove_batched_empty);

  ADD_DEMO_TEST ("/api/errors/injected", test_injected_failures);
  ADD_DEMO_TEST ("/api/errors/rate-limit", test_injected_rate_limit);
  ADD_DEMO_TEST ("/api/errors/no-content", test_no_content_is_success);
  ADD_DEMO_TEST ("/api/errors/garbled-token", test_real_garbled_token);
  ADD_DEMO_TEST ("/api/errors/broken-signature", test_real_broken_signature);
  ADD_DEMO_TEST ("/api/errors/non-global-client", test_real_non_global_client);
  ADD_DEMO_TEST ("/api/errors/insufficient-scope", test_real_insufficient_scope);
  ADD_DEMO_TEST ("/api/errors/fixed-token-401", test_fixed_token_401_not_renewed);

  ADD_DEMO_TEST ("/api/token/reused", test_credentials_token_reused);
  ADD_DEMO_TEST ("/api/token/shared-request", test_credentials_concurrent_calls_share_token);
  ADD_DEMO_TEST ("/api/token/cancel-while-waiting", test_credentials_cancel_while_waiting_for_token);
  ADD_DEMO_TEST ("/api/token/renew-after-401", test_credentials_renew_once_after_401);
  ADD_DEMO_TEST ("/api/token/second-401-final", test_credentials_second_401_is_final);
  ADD_DEMO_TEST ("/api/token/wrong-secret", test_credentials_wrong_secret);
  ADD_DEMO_TEST ("/api/token/log-without-secrets", test_log_has_no_demo_token);

  g_test_add_func ("/api/transport/connection-refused", test_connection_refused);
  g_test_add_func ("/api/transport/tls-self-signed", test_tls_self_signed);

  return g_test_run ();
}
