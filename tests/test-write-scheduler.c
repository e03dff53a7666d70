/* test-write-scheduler.c: pacing of member writes by the x-ratelimit-*
 * headers, against the demo tenant and a server without those headers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "roster-api.h"
#include "roster-demo-tenant.h"

/* Bound for every wait on the main context. The slowest test waits for
 * about five bucket refills of half a second each. */
#define TIMEOUT_SECONDS 30

#define LARGE_MEMBERS_PATH "/api/v2/organizations/" ROSTER_DEMO_ORG_LARGE "/members"
#define ACME_MEMBERS_PATH  "/api/v2/organizations/" ROSTER_DEMO_ORG_ACME "/members"

typedef struct
{
  RosterDemoTenant *tenant;  /* owned */
  RosterClient     *client;  /* owned */
} Fixture;

/* What the removal callbacks saw, in order. */
typedef struct
{
  GPtrArray *sending_ids;  /* owned: correlation ids passed to the sending function */
  GPtrArray *batches;      /* owned: RosterRemovalBatch copies */
  GCancellable *stop;      /* unowned, nullable: the removal's stop */
  guint      stop_after;   /* batches after which to stop, 0 for never */
} Recorder;

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

static void
record_sending (const char * const *user_ids,
                const char         *correlation_id,
                gpointer            user_data)
{
  Recorder *recorder = user_data;

  g_assert_nonnull (user_ids[0]);
  g_ptr_array_add (recorder->sending_ids, g_strdup (correlation_id));
}

static void
record_batch (const RosterRemovalBatch *batch,
              gpointer                  user_data)
{
  Recorder *recorder = user_data;

  g_ptr_array_add (recorder->batches, roster_removal_batch_copy (batch));

  if (recorder->stop_after > 0 && recorder->batches->len == recorder->stop_after)
    g_cancellable_cancel (recorder->stop);
}

static GPtrArray *
remove_members_sync (RosterClient       *client,
                     const char         *organization_id,
                     const char * const *user_ids,
                     Recorder           *recorder)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *batches;

  roster_client_remove_members_batched_full_async (client, organization_id, user_ids,
                                                   record_sending, record_batch, recorder,
                                                   recorder->stop, NULL, on_async_ready, &result);
  wait_for_result (&result);

  batches = roster_client_remove_members_batched_finish (client, result, &error);
  g_assert_no_error (error);

  return batches;
}

static RosterClient *
new_client (RosterDemoTenant *tenant)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base_uri = NULL;
  g_autofree char *token = NULL;
  RosterClient *client;

  base_uri = roster_tenant_parse_domain (roster_demo_tenant_get_base_uri (tenant), &error);
  g_assert_no_error (error);

  client = roster_client_new (base_uri);
  token = roster_demo_tenant_mint_token (tenant, NULL);
  roster_client_set_access_token (client, token);

  return client;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->tenant = roster_demo_tenant_new ();
  roster_demo_tenant_start (fixture->tenant, 0, &error);
  g_assert_no_error (error);

  fixture->client = new_client (fixture->tenant);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->client);
  g_clear_object (&fixture->tenant);
}

static void
recorder_init (Recorder *recorder)
{
  recorder->stop = NULL;
  recorder->stop_after = 0;
  recorder->sending_ids = g_ptr_array_new_with_free_func (g_free);
  recorder->batches = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_removal_batch_free);
}

static void
recorder_clear (Recorder *recorder)
{
  g_clear_pointer (&recorder->sending_ids, g_ptr_array_unref);
  g_clear_pointer (&recorder->batches, g_ptr_array_unref);
}

static GStrv
parse_removal_body (const char *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *members;

  json_parser_load_from_data (parser, body, -1, &error);
  g_assert_no_error (error);

  members = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "members");
  for (guint i = 0; i < json_array_get_length (members); i++)
    g_strv_builder_add (builder, json_array_get_string_element (members, i));

  return g_strv_builder_end (builder);
}

static GStrv
dup_first_member_ids (RosterDemoTenant *tenant,
                      const char       *organization_id,
                      guint             n_ids)
{
  g_auto(GStrv) member_ids = roster_demo_tenant_list_member_ids (tenant, organization_id);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_assert_cmpuint (g_strv_length (member_ids), >=, n_ids);
  for (guint i = 0; i < n_ids; i++)
    g_strv_builder_add (builder, member_ids[i]);

  return g_strv_builder_end (builder);
}

/* Empties the member-write bucket from a second client, as another program
 * writing to the same tenant would, so the removal under test starts with
 * a 429 it did not see coming. */
static void
drain_bucket (RosterDemoTenant *tenant,
              guint             burst)
{
  g_autoptr(RosterClient) other = new_client (tenant);
  g_auto(GStrv) acme_ids = dup_first_member_ids (tenant, ROSTER_DEMO_ORG_ACME, burst);

  for (guint i = 0; i < burst; i++)
    {
      const char *one_id[] = { acme_ids[i], NULL };
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      roster_client_remove_members_async (other, ROSTER_DEMO_ORG_ACME, one_id, NULL,
                                          on_async_ready, &result);
      wait_for_result (&result);
      roster_client_remove_members_finish (other, result, &error);
      g_assert_no_error (error);
    }
}

/* 45 members with a burst of 5 that another client already used up: every
 * member is removed in one 204 each, and after each 429 the request sent
 * again got through, so the wait covered the reset. */
static void
test_paced_removal_after_drain (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_auto(GStrv) ids = dup_first_member_ids (fixture->tenant, ROSTER_DEMO_ORG_LARGE, 45);
  g_autoptr(GHashTable) removed_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) correlation_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) batches = NULL;
  Recorder recorder;
  GPtrArray *requests;
  guint n_rate_limited = 0;

  roster_demo_tenant_set_rate_limit (fixture->tenant, 5, 120);
  drain_bucket (fixture->tenant, 5);
  roster_demo_tenant_clear_requests (fixture->tenant);

  recorder_init (&recorder);
  batches = remove_members_sync (fixture->client, ROSTER_DEMO_ORG_LARGE,
                                 (const char * const *) ids, &recorder);

  g_assert_cmpuint (batches->len, ==, 5);
  g_assert_cmpuint (recorder.sending_ids->len, ==, 5);
  for (guint i = 0; i < batches->len; i++)
    {
      RosterRemovalBatch *batch = g_ptr_array_index (batches, i);

      g_assert_cmpuint (batch->status, ==, 204);
      g_assert_no_error (batch->error);
      g_assert_nonnull (batch->correlation_id);
      g_assert_cmpstr (batch->correlation_id, ==, g_ptr_array_index (recorder.sending_ids, i));
      g_assert_true (g_hash_table_add (correlation_ids, batch->correlation_id));
    }

  requests = roster_demo_tenant_get_requests (fixture->tenant);
  for (guint i = 0; i < requests->len; i++)
    {
      RosterDemoRequest *request = g_ptr_array_index (requests, i);
      g_auto(GStrv) sent_ids = NULL;

      g_assert_cmpstr (request->method, ==, "DELETE");
      g_assert_cmpstr (request->path, ==, LARGE_MEMBERS_PATH);

      if (request->status == 429)
        {
          RosterDemoRequest *next;

          n_rate_limited++;
          g_assert_cmpuint (i + 1, <, requests->len);
          next = g_ptr_array_index (requests, i + 1);
          g_assert_cmpuint (next->status, ==, 204);
          g_assert_cmpstr (next->body, ==, request->body);
          continue;
        }

      g_assert_cmpuint (request->status, ==, 204);
      sent_ids = parse_removal_body (request->body);
      for (guint j = 0; sent_ids[j] != NULL; j++)
        g_assert_true (g_hash_table_add (removed_ids, g_strdup (sent_ids[j])));
    }

  /* The drained bucket gives exactly one surprise. After it, the headers
   * tell the scheduler when to send. */
  g_assert_cmpuint (n_rate_limited, ==, 1);
  g_assert_cmpuint (g_hash_table_size (removed_ids), ==, 45);
  for (guint i = 0; i < 45; i++)
    {
      g_assert_true (g_hash_table_contains (removed_ids, ids[i]));
      g_assert_false (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_LARGE, ids[i]));
    }

  recorder_clear (&recorder);
}

/* Without other writers, the headers of each response pace the next
 * request, so a small bucket gives no 429 at all. */
static void
test_paced_removal_without_429 (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_auto(GStrv) ids = dup_first_member_ids (fixture->tenant, ROSTER_DEMO_ORG_LARGE, 45);
  g_autoptr(GPtrArray) batches = NULL;
  Recorder recorder;
  GPtrArray *requests;

  roster_demo_tenant_set_rate_limit (fixture->tenant, 2, 120);

  recorder_init (&recorder);
  batches = remove_members_sync (fixture->client, ROSTER_DEMO_ORG_LARGE,
                                 (const char * const *) ids, &recorder);

  g_assert_cmpuint (batches->len, ==, 5);
  requests = roster_demo_tenant_get_requests (fixture->tenant);
  g_assert_cmpuint (requests->len, ==, 5);
  for (guint i = 0; i < requests->len; i++)
    {
      RosterDemoRequest *request = g_ptr_array_index (requests, i);

      g_assert_cmpuint (request->status, ==, 204);
    }
  g_assert_cmpuint (roster_write_scheduler_get_n_rate_limited (roster_client_get_write_scheduler (fixture->client)), ==, 0);

  recorder_clear (&recorder);
}

/* A write that gets 429 on every attempt ends with the last 429, and its
 * members stay. */
static void
test_attempts_bounded (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_auto(GStrv) ids = dup_first_member_ids (fixture->tenant, ROSTER_DEMO_ORG_ACME, 3);
  g_autoptr(GPtrArray) batches = NULL;
  RosterRemovalBatch *batch;
  Recorder recorder;

  roster_write_scheduler_set_max_attempts (roster_client_get_write_scheduler (fixture->client), 2);
  for (guint i = 0; i < 2; i++)
    roster_demo_tenant_inject_failure (fixture->tenant, "DELETE", NULL, 429, "too_many_requests",
                                       "Global limit has been reached");

  recorder_init (&recorder);
  batches = remove_members_sync (fixture->client, ROSTER_DEMO_ORG_ACME,
                                 (const char * const *) ids, &recorder);

  g_assert_cmpuint (batches->len, ==, 1);
  batch = g_ptr_array_index (batches, 0);
  g_assert_cmpuint (batch->status, ==, 429);
  g_assert_error (batch->error, ROSTER_API_ERROR, ROSTER_API_ERROR_RATE_LIMITED);
  g_assert_cmpuint (roster_demo_tenant_get_requests (fixture->tenant)->len, ==, 2);
  for (guint i = 0; i < 3; i++)
    g_assert_true (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_ACME, ids[i]));

  recorder_clear (&recorder);
}

/* Stop after two requests: their members are gone, the rest stay, and no
 * third request went out. */
static void
test_stop_between_requests (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_auto(GStrv) ids = dup_first_member_ids (fixture->tenant, ROSTER_DEMO_ORG_LARGE, 45);
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  g_autoptr(GPtrArray) batches = NULL;
  Recorder recorder;

  recorder_init (&recorder);
  recorder.stop = stop;
  recorder.stop_after = 2;
  batches = remove_members_sync (fixture->client, ROSTER_DEMO_ORG_LARGE,
                                 (const char * const *) ids, &recorder);

  g_assert_cmpuint (batches->len, ==, 2);
  g_assert_cmpuint (roster_demo_tenant_get_requests (fixture->tenant)->len, ==, 2);
  for (guint i = 0; i < 20; i++)
    g_assert_false (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_LARGE, ids[i]));
  for (guint i = 20; i < 45; i++)
    g_assert_true (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_LARGE, ids[i]));

  recorder_clear (&recorder);
}

static gboolean
cancel_on_timeout (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* A stop while the next request waits for a slow refill ends the removal
 * at once, and the waiting request is never sent. */
static void
test_stop_during_wait (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_auto(GStrv) ids = dup_first_member_ids (fixture->tenant, ROSTER_DEMO_ORG_LARGE, 30);
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  g_autoptr(GPtrArray) batches = NULL;
  Recorder recorder;
  gint64 start;

  /* One request every 10 s after a burst of 1. */
  roster_demo_tenant_set_rate_limit (fixture->tenant, 1, 6);

  recorder_init (&recorder);
  recorder.stop = stop;
  g_timeout_add (500, cancel_on_timeout, stop);
  start = g_get_monotonic_time ();
  batches = remove_members_sync (fixture->client, ROSTER_DEMO_ORG_LARGE,
                                 (const char * const *) ids, &recorder);

  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (batches->len, ==, 1);
  g_assert_cmpuint (((RosterRemovalBatch *) g_ptr_array_index (batches, 0))->status, ==, 204);
  g_assert_cmpuint (roster_demo_tenant_get_requests (fixture->tenant)->len, ==, 1);
  for (guint i = 10; i < 30; i++)
    g_assert_true (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_LARGE, ids[i]));

  recorder_clear (&recorder);
}

/* A stop while a request waits to be sent again after a 429 ends the
 * removal without a batch for it, since Auth0 processed none of its
 * attempts. */
static void
test_stop_during_retry (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_auto(GStrv) ids = dup_first_member_ids (fixture->tenant, ROSTER_DEMO_ORG_LARGE, 10);
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  g_autoptr(GPtrArray) batches = NULL;
  Recorder recorder;
  RosterDemoRequest *request;

  /* Another client takes the only request of the bucket, which refills
   * one request every 10 s, so the removal's first attempt gets 429. */
  roster_demo_tenant_set_rate_limit (fixture->tenant, 1, 6);
  drain_bucket (fixture->tenant, 1);
  roster_demo_tenant_clear_requests (fixture->tenant);

  recorder_init (&recorder);
  recorder.stop = stop;
  g_timeout_add (300, cancel_on_timeout, stop);
  batches = remove_members_sync (fixture->client, ROSTER_DEMO_ORG_LARGE,
                                 (const char * const *) ids, &recorder);

  g_assert_cmpuint (batches->len, ==, 0);
  g_assert_cmpuint (recorder.sending_ids->len, ==, 1);
  g_assert_cmpuint (roster_demo_tenant_get_requests (fixture->tenant)->len, ==, 1);
  request = g_ptr_array_index (roster_demo_tenant_get_requests (fixture->tenant), 0);
  g_assert_cmpuint (request->status, ==, 429);
  for (guint i = 0; i < 10; i++)
    g_assert_true (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_LARGE, ids[i]));

  recorder_clear (&recorder);
}

/* A server that responds to the first DELETE with a bare 429, without any
 * x-ratelimit-* header, and the next ones with 204. */
static void
handle_bare_429 (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  static const char body[] = "{\"statusCode\":429,\"error\":\"Too Many Requests\"}";
  guint *n_requests = user_data;

  (*n_requests)++;
  if (*n_requests == 1)
    {
      soup_server_message_set_status (message, 429, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        body, strlen (body));
      return;
    }

  soup_server_message_set_status (message, SOUP_STATUS_NO_CONTENT, NULL);
}

/* Without a reset header the scheduler backs off for the first backoff
 * step, then sends again. */
static void
test_backoff_without_headers (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *base_uri = NULL;
  const char *ids[] = { "auth0|one", NULL };
  GSList *uris;
  RosterClient *client;
  guint n_requests = 0;
  gint64 start;

  soup_server_add_handler (server, "/api/v2", handle_bare_429, &n_requests, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base_uri = g_uri_to_string_partial (uris->data, G_URI_HIDE_PASSWORD);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  if (g_str_has_suffix (base_uri, "/"))
    base_uri[strlen (base_uri) - 1] = '\0';

  client = roster_client_new (base_uri);
  roster_client_set_access_token (client, "test-token");

  start = g_get_monotonic_time ();
  roster_client_remove_members_async (client, "org_1", ids, NULL, on_async_ready, &result);
  wait_for_result (&result);
  roster_client_remove_members_finish (client, result, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (n_requests, ==, 2);
  g_assert_cmpint (g_get_monotonic_time () - start, >=,
                   ROSTER_WRITE_SCHEDULER_BACKOFF_FIRST_MS * 1000);

  g_clear_object (&result);
  soup_server_disconnect (server);
  g_assert_finalize_object (client);
}

#define ADD_TEST(path, function) \
  g_test_add (path, Fixture, NULL, fixture_set_up, function, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("/write-scheduler/paced-after-drain", test_paced_removal_after_drain);
  ADD_TEST ("/write-scheduler/paced-without-429", test_paced_removal_without_429);
  ADD_TEST ("/write-scheduler/attempts-bounded", test_attempts_bounded);
  ADD_TEST ("/write-scheduler/stop-between-requests", test_stop_between_requests);
  ADD_TEST ("/write-scheduler/stop-during-wait", test_stop_during_wait);
  ADD_TEST ("/write-scheduler/stop-during-retry", test_stop_during_retry);
  g_test_add_func ("/write-scheduler/backoff-without-headers", test_backoff_without_headers);

  return g_test_run ();
}
