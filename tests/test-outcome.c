/* test-outcome.c: grouping of batched removal results and the wording of
 * each outcome.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "roster-error-text.h"
#include "roster-removal-outcome.h"

#define ORGANIZATION "Acme & <Sons>"
#define ORGANIZATION_MARKUP "Acme &amp; &lt;Sons&gt;"

/* 2026-01-02 13:03:27 UTC; the test runs with TZ=UTC. */
#define NOW_UNIX G_GINT64_CONSTANT (1767359007)

static GDateTime *
create_now (void)
{
  return g_date_time_new_from_unix_utc (NOW_UNIX);
}

/* Adds one request of @n_members ids, starting at user @first, and takes
 * @error (nullable). */
static void
add_batch (RosterRemovalOutcome *outcome,
           guint                 first,
           guint                 n_members,
           guint                 status,
           GError               *error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) user_ids = NULL;
  RosterRemovalBatch batch = { 0 };

  for (guint i = first; i < first + n_members; i++)
    {
      g_autofree char *user_id = g_strdup_printf ("auth0|user%02u", i);

      g_strv_builder_add (builder, user_id);
    }
  user_ids = g_strv_builder_end (builder);

  batch.user_ids = user_ids;
  batch.status = status;
  batch.error = error;
  roster_removal_outcome_add_batch (outcome, &batch);

  g_clear_error (&error);
}

static GPtrArray *
build_messages (RosterRemovalOutcome *outcome)
{
  g_autoptr(GDateTime) now = create_now ();

  return roster_removal_outcome_build_messages (outcome, now);
}

static RosterRemovalMessage *
get_message (GPtrArray *messages,
             guint      index)
{
  return g_ptr_array_index (messages, index);
}

/* Reports one failed request of three members. */
static RosterRemovalMessage *
report_single_failure (guint   status,
                       GError *error)
{
  g_autoptr(RosterRemovalOutcome) outcome = roster_removal_outcome_new (ORGANIZATION);
  g_autoptr(GPtrArray) messages = NULL;

  add_batch (outcome, 0, 3, status, error);
  messages = build_messages (outcome);
  g_assert_cmpuint (messages->len, ==, 1);

  return g_ptr_array_steal_index (messages, 0);
}

/* Returns the status line text for one failed request of three members. */
static char *
describe_single_failure (guint   status,
                         GError *error)
{
  g_autoptr(RosterRemovalMessage) message = report_single_failure (status, error);

  return g_steal_pointer (&message->text);
}

/* Returns the toast title for one failed request of three members. */
static char *
summarize_single_failure (guint   status,
                          GError *error)
{
  g_autoptr(RosterRemovalMessage) message = report_single_failure (status, error);

  return g_steal_pointer (&message->title);
}

static GError *
create_status_error (guint       status,
                     const char *error_code,
                     const char *message)
{
  return roster_api_error_new_for_status (status, NULL, error_code, message, 0);
}

static void
test_groups_mixed_batches (void)
{
  g_autoptr(RosterRemovalOutcome) outcome = roster_removal_outcome_new (ORGANIZATION);
  g_autoptr(GPtrArray) messages = NULL;
  GHashTable *failed;

  add_batch (outcome, 0, 10, 204, NULL);
  add_batch (outcome, 10, 10, 403,
             create_status_error (403, "insufficient_scope",
                                  "Insufficient scope, expected any of: delete:organization_members"));
  add_batch (outcome, 20, 3, 204, NULL);

  messages = build_messages (outcome);
  g_assert_cmpuint (messages->len, ==, 2);

  g_assert_true (get_message (messages, 0)->removed);
  g_assert_cmpuint (get_message (messages, 0)->n_members, ==, 13);
  g_assert_cmpuint (get_message (messages, 0)->status, ==, 204);
  g_assert_cmpstr (get_message (messages, 0)->text, ==, "Removed 13 members from " ORGANIZATION " (204)");

  g_assert_false (get_message (messages, 1)->removed);
  g_assert_cmpuint (get_message (messages, 1)->n_members, ==, 10);
  g_assert_cmpuint (get_message (messages, 1)->status, ==, 403);
  g_assert_true (g_str_has_prefix (get_message (messages, 1)->text,
                                   "Could not remove 10 members from " ORGANIZATION "."));
  g_assert_cmpstr (get_message (messages, 1)->title, ==,
                   "Could not remove 10 members: missing scope delete:organization_members (403)");

  g_assert_cmpuint (roster_removal_outcome_get_n_removed (outcome), ==, 13);
  g_assert_cmpuint (roster_removal_outcome_get_n_failed (outcome), ==, 10);
  failed = roster_removal_outcome_get_failed_user_ids (outcome);
  g_assert_true (g_hash_table_contains (failed, "auth0|user10"));
  g_assert_true (g_hash_table_contains (failed, "auth0|user19"));
  g_assert_false (g_hash_table_contains (failed, "auth0|user09"));
  g_assert_false (g_hash_table_contains (failed, "auth0|user20"));
}

/* Distinct failures get a message each, but 429s share one with the latest
 * reset time. */
static void
test_groups_distinct_failures (void)
{
  g_autoptr(RosterRemovalOutcome) outcome = roster_removal_outcome_new (ORGANIZATION);
  g_autoptr(GPtrArray) messages = NULL;

  add_batch (outcome, 0, 10, 429,
             roster_api_error_new_for_status (429, NULL, "too_many_requests", "Global limit", NOW_UNIX + 5));
  add_batch (outcome, 10, 10, 429,
             roster_api_error_new_for_status (429, NULL, "too_many_requests", "Global limit", NOW_UNIX + 20));
  add_batch (outcome, 20, 10, 0,
             g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "Connection refused"));
  add_batch (outcome, 30, 3, 500, create_status_error (500, NULL, "Internal error"));

  messages = build_messages (outcome);
  g_assert_cmpuint (messages->len, ==, 3);
  g_assert_cmpuint (get_message (messages, 0)->n_members, ==, 20);
  g_assert_nonnull (strstr (get_message (messages, 0)->text, "Try again in 20 seconds."));
  g_assert_cmpuint (get_message (messages, 1)->n_members, ==, 10);
  g_assert_cmpuint (get_message (messages, 1)->status, ==, 0);
  g_assert_cmpuint (get_message (messages, 2)->n_members, ==, 3);
  g_assert_cmpuint (roster_removal_outcome_get_n_removed (outcome), ==, 0);
  g_assert_cmpuint (roster_removal_outcome_get_n_failed (outcome), ==, 33);
}

static void
test_escapes_markup (void)
{
  g_autoptr(RosterRemovalOutcome) outcome = roster_removal_outcome_new (ORGANIZATION);
  g_autoptr(GPtrArray) messages = NULL;

  add_batch (outcome, 0, 1, 204, NULL);
  add_batch (outcome, 1, 2, 400,
             create_status_error (400, "invalid_body", "Payload validation error: 'a < b & c'"));

  messages = build_messages (outcome);
  g_assert_cmpuint (messages->len, ==, 2);
  g_assert_cmpstr (get_message (messages, 0)->text, ==, "Removed 1 member from " ORGANIZATION " (204)");
  g_assert_cmpstr (get_message (messages, 0)->markup, ==, "Removed 1 member from " ORGANIZATION_MARKUP " (204)");
  g_assert_cmpstr (get_message (messages, 1)->markup, ==,
                   "Could not remove 2 members: invalid request (400 invalid_body): "
                   "Payload validation error: &apos;a &lt; b &amp; c&apos;");
  g_assert_null (strstr (get_message (messages, 1)->markup, "<"));
  g_assert_true (g_str_has_prefix (get_message (messages, 1)->text,
                                   "Could not remove 2 members from " ORGANIZATION "."));
}

static void
test_text_bad_request (void)
{
  g_autofree char *text = NULL;

  text = describe_single_failure (400, create_status_error (400, "invalid_body",
                                                            "Payload validation error: 'Expected type object'."));
  g_assert_cmpstr (text, ==,
                   "Could not remove 3 members from " ORGANIZATION ". Auth0 rejected the request as "
                   "invalid (400 invalid_body): Payload validation error: 'Expected type object'.");

  g_clear_pointer (&text, g_free);
  text = describe_single_failure (400, create_status_error (400, "invalid_query_string", "Bad query"));
  g_assert_nonnull (strstr (text, "(400 invalid_query_string): Bad query"));
}

static void
test_text_unauthorized (void)
{
  g_autofree char *invalid_token = NULL;
  g_autofree char *invalid_signature = NULL;
  g_autofree char *not_global = NULL;
  g_autofree char *other = NULL;

  invalid_token = describe_single_failure (401, create_status_error (401, NULL, "Invalid token."));
  g_assert_nonnull (strstr (invalid_token, "The access token is invalid or has expired (401)."));

  invalid_signature = describe_single_failure (401, create_status_error (401, NULL,
                                                                         "Invalid signature received for JSON Web Token validation."));
  g_assert_nonnull (strstr (invalid_signature, "The access token was not issued by this tenant (401)."));
  g_assert_nonnull (strstr (invalid_signature, "AUTH0_DOMAIN"));

  not_global = describe_single_failure (401, create_status_error (401, NULL, "Client is not global."));
  g_assert_nonnull (strstr (not_global, "(401 Client is not global)"));

  other = describe_single_failure (401, create_status_error (401, NULL, "Bad audience"));
  g_assert_nonnull (strstr (other, "Auth0 rejected the access token (401): Bad audience"));
}

static void
test_title_unauthorized (void)
{
  g_autofree char *invalid_token = NULL;
  g_autofree char *invalid_signature = NULL;
  g_autofree char *not_global = NULL;
  g_autofree char *other = NULL;

  invalid_token = summarize_single_failure (401, create_status_error (401, NULL, "Invalid token."));
  g_assert_cmpstr (invalid_token, ==, "Could not remove 3 members: the token is invalid or has expired (401)");

  invalid_signature = summarize_single_failure (401, create_status_error (401, NULL,
                                                                          "Invalid signature received for JSON Web Token validation."));
  g_assert_cmpstr (invalid_signature, ==, "Could not remove 3 members: the token comes from another tenant (401)");

  not_global = summarize_single_failure (401, create_status_error (401, NULL, "Client is not global."));
  g_assert_cmpstr (not_global, ==, "Could not remove 3 members: the client is not global (401)");

  other = summarize_single_failure (401, create_status_error (401, NULL, "Bad audience"));
  g_assert_cmpstr (other, ==, "Could not remove 3 members: the token was rejected (401): Bad audience");
}

static void
test_text_forbidden (void)
{
  g_autofree char *live = NULL;
  g_autofree char *documented = NULL;
  g_autofree char *unparsed = NULL;
  g_autofree char *other = NULL;

  live = describe_single_failure (403, create_status_error (403, "insufficient_scope",
                                                            "Insufficient scope, expected any of: delete:organization_members"));
  g_assert_cmpstr (live, ==,
                   "Could not remove 3 members from " ORGANIZATION ". The access token lacks the "
                   "delete:organization_members scope (403 insufficient_scope). Grant it to the "
                   "application in the Auth0 Dashboard, then use a new token.");

  documented = describe_single_failure (403, create_status_error (403, "insufficient_scope",
                                                                  "Insufficient scope; expected any of: delete:members."));
  g_assert_nonnull (strstr (documented, "lacks the delete:members scope"));

  unparsed = describe_single_failure (403, create_status_error (403, "insufficient_scope", "Forbidden"));
  g_assert_nonnull (strstr (unparsed, "lacks the delete:organization_members scope"));

  other = describe_single_failure (403, create_status_error (403, NULL, "Tenant is suspended"));
  g_assert_nonnull (strstr (other, "Auth0 denied access (403): Tenant is suspended"));
}

static void
test_text_rate_limited (void)
{
  g_autoptr(GDateTime) now = create_now ();
  g_autofree char *soon = NULL;
  g_autofree char *later = NULL;
  g_autofree char *unknown = NULL;
  g_autofree char *passed = NULL;
  g_autofree char *text = NULL;

  soon = roster_error_text_format_retry (NOW_UNIX + 12, now);
  g_assert_cmpstr (soon, ==, "Try again in 12 seconds.");

  later = roster_error_text_format_retry (NOW_UNIX + 3600, now);
  g_assert_cmpstr (later, ==, "Try again after 14:03:27.");

  unknown = roster_error_text_format_retry (0, now);
  g_assert_cmpstr (unknown, ==, "Try again later.");

  passed = roster_error_text_format_retry (NOW_UNIX - 1, now);
  g_assert_cmpstr (passed, ==, "Try again in a moment.");

  text = describe_single_failure (429, roster_api_error_new_for_status (429, NULL, "too_many_requests",
                                                                        "Global limit has been reached",
                                                                        NOW_UNIX + 1));
  g_assert_cmpstr (text, ==,
                   "Could not remove 3 members from " ORGANIZATION ". Auth0’s rate limit was "
                   "reached (429). Try again in 1 second.");
}

static void
test_title_other_failures (void)
{
  g_autofree char *rate_limited = NULL;
  g_autofree char *server = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *other_scope = NULL;

  rate_limited = summarize_single_failure (429, roster_api_error_new_for_status (429, NULL, "too_many_requests",
                                                                                 "Global limit has been reached",
                                                                                 NOW_UNIX + 3600));
  g_assert_cmpstr (rate_limited, ==,
                   "Could not remove 3 members: rate limit reached (429). Try again after 14:03:27.");

  server = summarize_single_failure (503, roster_api_error_new_for_status (503, "Service Unavailable", NULL,
                                                                           "Try later", 0));
  g_assert_cmpstr (server, ==, "Could not remove 3 members: 503 Service Unavailable");

  refused = summarize_single_failure (0, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED,
                                                              "Connection refused"));
  g_assert_cmpstr (refused, ==, "Could not remove 3 members: Auth0 is unreachable: Connection refused");

  other_scope = summarize_single_failure (403, create_status_error (403, "insufficient_scope",
                                                                    "Insufficient scope, expected any of: a:b,c:d"));
  g_assert_cmpstr (other_scope, ==, "Could not remove 3 members: missing scope a:b,c:d (403)");
}

static void
test_text_other_status (void)
{
  g_autofree char *server = NULL;
  g_autofree char *gone = NULL;

  server = describe_single_failure (503, roster_api_error_new_for_status (503, "Service Unavailable", NULL,
                                                                          "Try later", 0));
  g_assert_nonnull (strstr (server, "Auth0 responded with 503 Service Unavailable: Try later"));

  gone = describe_single_failure (404, create_status_error (404, NULL, "No organization found by that id or name"));
  g_assert_nonnull (strstr (gone, "Auth0 responded with 404 "));
  g_assert_nonnull (strstr (gone, ": No organization found by that id or name"));
}

static void
test_text_transport (void)
{
  g_autofree char *refused = NULL;
  g_autofree char *tls = NULL;

  refused = describe_single_failure (0, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED,
                                                             "Connection refused"));
  g_assert_cmpstr (refused, ==,
                   "Could not remove 3 members from " ORGANIZATION ". Could not reach Auth0: "
                   "Connection refused. Check the network connection and the tenant's domain, "
                   "then try again.");

  tls = describe_single_failure (0, g_error_new_literal (G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE,
                                                         "Unacceptable TLS certificate"));
  g_assert_nonnull (strstr (tls, "Could not make a secure connection to Auth0: Unacceptable TLS certificate"));
}

int
main (int   argc,
      char *argv[])
{
  /* Times of day in messages are local: pin the zone. */
  g_setenv ("TZ", "UTC", TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outcome/group/mixed-batches", test_groups_mixed_batches);
  g_test_add_func ("/outcome/group/distinct-failures", test_groups_distinct_failures);
  g_test_add_func ("/outcome/escapes-markup", test_escapes_markup);
  g_test_add_func ("/outcome/text/400", test_text_bad_request);
  g_test_add_func ("/outcome/text/401", test_text_unauthorized);
  g_test_add_func ("/outcome/text/403", test_text_forbidden);
  g_test_add_func ("/outcome/text/429", test_text_rate_limited);
  g_test_add_func ("/outcome/text/other-status", test_text_other_status);
  g_test_add_func ("/outcome/text/transport", test_text_transport);
  g_test_add_func ("/outcome/title/401", test_title_unauthorized);
  g_test_add_func ("/outcome/title/other-failures", test_title_other_failures);

  return g_test_run ();
}
