/* test-removal-window.c: long removals in the main window: details of a
 * partial failure, Cancel between requests, and the removal history.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <stdlib.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "roster-demo-tenant.h"
#include "roster-outcome-row.h"
#include "roster-removal-details.h"
#include "roster-test-utils.h"
#include "roster-window.h"

#define TIMEOUT_SECONDS 15
#define ACME_MEMBER_COUNT 30
#define ACME_MEMBERS_PATH "/api/v2/organizations/" ROSTER_DEMO_ORG_ACME "/members"

typedef struct
{
  RosterDemoTenant     *tenant;        /* owned */
  RosterClient         *client;        /* owned */
  RosterWindow         *window;        /* owned by GTK while shown */
  char                 *history_path;  /* owned */
  RosterRemovalHistory *history;       /* owned */
} Fixture;

static GtkApplication *application;
static char *state_dir;

/* Waits like roster_test_wait_until(), but for TIMEOUT_SECONDS in place of
 * ROSTER_TEST_TIMEOUT_SECONDS. */
static void
wait_until (RosterTestCondition  condition,
            gpointer             data,
            const char          *what)
{
  roster_test_wait_until_for (condition, data, TIMEOUT_SECONDS, what);
}

static gboolean
is_mapped_progress_bar (GtkWidget     *widget,
                        gconstpointer  data)
{
  return GTK_IS_PROGRESS_BAR (widget) && gtk_widget_get_mapped (widget);
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
progress_bar_is_mapped (gpointer data)
{
  return roster_test_find_widget (GTK_WIDGET (data), is_mapped_progress_bar, NULL) != NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *name = g_strdup_printf ("history-%u.jsonl", g_random_int ());

  fixture->tenant = roster_demo_tenant_new ();
  fixture->history_path = g_build_filename (state_dir, name, NULL);
  fixture->history = roster_removal_history_new (fixture->history_path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      GtkWindow *window = GTK_WINDOW (fixture->window);

      g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &fixture->window);
      gtk_window_destroy (window);
      wait_until (roster_test_pointer_is_null, &fixture->window, "the window to finalize");
    }

  g_unlink (fixture->history_path);
  g_clear_pointer (&fixture->history_path, g_free);
  g_clear_object (&fixture->history);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->tenant);
}

/* Starts the tenant and opens a window on it with a token granting
 * @scopes (NULL: every scope). */
static void
connect_window_with_scopes (Fixture    *fixture,
                            const char *scopes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  roster_demo_tenant_start (fixture->tenant, 0, &error);
  g_assert_no_error (error);

  token = roster_demo_tenant_mint_token (fixture->tenant, scopes);
  fixture->client = roster_client_new (roster_demo_tenant_get_base_uri (fixture->tenant));
  roster_client_set_access_token (fixture->client, token);

  fixture->window = roster_window_new (application, fixture->client, NULL);
  roster_removal_controller_set_history (roster_window_get_removal_controller (fixture->window),
                                         fixture->history);
  gtk_window_present (GTK_WINDOW (fixture->window));

  wait_until (roster_test_widget_is_mapped, fixture->window, "the window to map");
  wait_until (roster_test_window_is_idle, fixture->window, "the organizations to load");
}

static void
connect_window (Fixture *fixture)
{
  connect_window_with_scopes (fixture, NULL);
}

static void
open_organization (Fixture    *fixture,
                   const char *organization_id)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-organization",
                              "s", organization_id);
  wait_until (roster_test_window_is_idle, fixture->window, "the members to load");
}

/* Confirms the removal of the selected members and returns once the
 * dialog closed, while the removal may still run. */
static void
confirm_removal (Fixture *fixture)
{
  AdwMessageDialog *dialog;
  GtkWidget *button;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.remove-selected", NULL);
  wait_until (roster_test_dialog_is_mapped, fixture->window, "the confirmation dialog to map");

  dialog = roster_window_get_message_dialog (fixture->window);
  button = roster_test_find_widget (GTK_WIDGET (dialog), roster_test_is_mapped_button, "_Remove");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");

  wait_until (roster_test_dialog_is_gone, fixture->window, "the dialog to close");
}

static gboolean
has_toast (Fixture    *fixture,
           const char *markup)
{
  g_auto(GStrv) toasts = roster_window_get_toast_titles (fixture->window);

  return g_strv_contains ((const char * const *) toasts, markup);
}

static GtkWindow *
open_removal_window (Fixture    *fixture,
                     const char *action_name)
{
  RosterRemovalController *controller = roster_window_get_removal_controller (fixture->window);
  GtkWindow *window;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), action_name, NULL);
  window = roster_removal_controller_get_open_window (controller);
  g_assert_nonnull (window);
  wait_until (roster_test_widget_is_mapped, window, "the window to map");

  return window;
}

/* Returns the rows of an outcome list (a GtkListView of RosterOutcomeRow). */
static GListModel *
get_rows (GtkWidget *list)
{
  g_assert_true (GTK_IS_LIST_VIEW (list));

  return G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
}

/* The first of three requests fails with a 500: its ten members stay and
 * stay selected, and the details give each member its status, reason and
 * correlation ID. */
static void
test_failure_in_details (Fixture       *fixture,
                         gconstpointer  data)
{
  g_auto(GStrv) user_ids = NULL;
  RosterRemovalController *controller;
  GPtrArray *details;
  GtkWindow *details_window;
  GtkWidget *list;

  connect_window (fixture);
  open_organization (fixture, ROSTER_DEMO_ORG_ACME);
  user_ids = roster_test_select_first_members (fixture->window, 23);
  roster_demo_tenant_inject_failure (fixture->tenant, "DELETE", ACME_MEMBERS_PATH, 500,
                                     NULL, "Internal error");

  confirm_removal (fixture);
  wait_until (roster_test_window_is_idle, fixture->window, "the removal to finish");

  g_assert_cmpuint (roster_test_count_members (fixture->window), ==, ACME_MEMBER_COUNT - 13);
  g_assert_cmpuint (roster_test_count_selected (fixture->window), ==, 10);
  for (guint i = 0; i < 23; i++)
    g_assert_cmpint (roster_test_lists_member (fixture->window, user_ids[i]), ==, i < 10);

  controller = roster_window_get_removal_controller (fixture->window);
  details = roster_removal_controller_get_details (controller);
  g_assert_nonnull (details);
  g_assert_cmpuint (details->len, ==, 23);
  for (guint i = 0; i < details->len; i++)
    {
      RosterRemovalDetail *detail = g_ptr_array_index (details, i);
      RosterRemovalDetail *first_of_batch = g_ptr_array_index (details, i - i % 10);

      g_assert_cmpstr (detail->user_id, ==, user_ids[i]);
      g_assert_nonnull (detail->correlation_id);
      g_assert_cmpstr (detail->correlation_id, ==, first_of_batch->correlation_id);
      g_assert_cmpint (detail->removed, ==, i >= 10);
      g_assert_cmpuint (detail->status, ==, i < 10 ? 500 : 204);
      if (i < 10)
        g_assert_nonnull (strstr (detail->message, "Internal error"));
    }

  details_window = open_removal_window (fixture, "removal.show-details");
  list = roster_test_find_widget (GTK_WIDGET (details_window),
                                  (RosterTestWidgetMatch) is_named, "details-list");
  g_assert_nonnull (list);
  g_assert_cmpuint (g_list_model_get_n_items (get_rows (list)), ==, 23);
  for (guint i = 0; i < 23; i++)
    {
      g_autoptr(RosterOutcomeRow) row = g_list_model_get_item (get_rows (list), i);

      g_assert_cmpint (roster_outcome_row_get_success (row), ==, i >= 10);
      g_assert_nonnull (strstr (roster_outcome_row_get_subtitle (row), i < 10 ? "HTTP 500" : "HTTP 204"));
    }
  gtk_window_destroy (details_window);
}

static gboolean
first_request_done (gpointer data)
{
  Fixture *fixture = data;

  return g_str_has_prefix (roster_window_get_status_text (fixture->window), "Removing 10 of 20");
}

static gboolean
two_requests_done (gpointer data)
{
  Fixture *fixture = data;

  return g_str_has_prefix (roster_window_get_status_text (fixture->window), "Removing 20 of 30");
}

/* Cancel while the third request waits for the rate limit: the twenty
 * members removed are gone, the other ten remain, and no third request
 * goes out. The progress bar shows after 3 s. */
static void
test_cancel_after_two_requests (Fixture       *fixture,
                                gconstpointer  data)
{
  g_auto(GStrv) user_ids = NULL;
  GPtrArray *details;

  /* A burst of two, then one request every 10 s. */
  roster_demo_tenant_set_rate_limit (fixture->tenant, 2, 6);
  connect_window (fixture);
  open_organization (fixture, ROSTER_DEMO_ORG_ACME);
  user_ids = roster_test_select_first_members (fixture->window, 30);

  confirm_removal (fixture);
  wait_until (two_requests_done, fixture, "two requests to finish");
  wait_until (progress_bar_is_mapped, fixture->window, "the progress bar to show");
  g_assert_true (roster_window_is_loading (fixture->window));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "removal.cancel", NULL);
  wait_until (roster_test_window_is_idle, fixture->window, "the removal to stop");

  g_assert_cmpuint (roster_demo_tenant_get_requests (fixture->tenant)->len, >=, 2);
  g_assert_cmpuint (roster_test_count_members (fixture->window), ==, 10);
  for (guint i = 0; i < 30; i++)
    {
      g_assert_cmpint (roster_test_lists_member (fixture->window, user_ids[i]), ==, i >= 20);
      g_assert_cmpint (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_ACME, user_ids[i]),
                       ==, i >= 20);
    }
  g_assert_true (has_toast (fixture, "Removed 20 members from Acme &amp; &lt;Sons&gt; (204)"));
  g_assert_true (has_toast (fixture, "Cancelled: 10 members were not removed"));

  details = roster_removal_controller_get_details (roster_window_get_removal_controller (fixture->window));
  g_assert_cmpuint (details->len, ==, 30);
  for (guint i = 0; i < 30; i++)
    {
      RosterRemovalDetail *detail = g_ptr_array_index (details, i);

      g_assert_cmpstr (detail->user_id, ==, user_ids[i]);
      g_assert_cmpint (detail->removed, ==, i < 20);
      g_assert_cmpuint (detail->status, ==, i < 20 ? 204 : 0);
      if (i >= 20)
        {
          g_assert_null (detail->correlation_id);
          g_assert_true (g_str_has_prefix (detail->message, "Not sent"));
        }
    }
}

/* A removal is recorded in the history before each request and completed
 * after it. */
static void
test_history_records_run (Fixture       *fixture,
                          gconstpointer  data)
{
  g_auto(GStrv) user_ids = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  RosterHistoryRecord *record;

  connect_window (fixture);
  open_organization (fixture, ROSTER_DEMO_ORG_ACME);
  user_ids = roster_test_select_first_members (fixture->window, 3);

  confirm_removal (fixture);
  wait_until (roster_test_window_is_idle, fixture->window, "the removal to finish");

  records = roster_removal_history_load (fixture->history, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpstrv (record->user_ids, user_ids);
  g_assert_cmpstr (record->organization_id, ==, ROSTER_DEMO_ORG_ACME);
  g_assert_cmpstr (record->organization_name, ==, "Acme & <Sons>");
  g_assert_cmpstr (record->tenant, ==, roster_client_get_base_uri (fixture->client));
  g_assert_true (record->answered);
  g_assert_cmpuint (record->status, ==, 204);
  g_assert_nonnull (record->correlation_id);
}

/* A request that an earlier run sent without recording its outcome shows as
 * unconfirmed in the History window. */
static void
test_history_shows_unconfirmed (Fixture       *fixture,
                                gconstpointer  data)
{
  const char *ids[] = { "auth0|crashed", NULL };
  g_autoptr(GError) error = NULL;
  GtkWindow *history_window;
  GtkWidget *list;
  g_autoptr(RosterOutcomeRow) row = NULL;

  {
    g_autoptr(RosterRemovalHistory) earlier_run = roster_removal_history_new (fixture->history_path);

    roster_removal_history_record_sent (earlier_run, "http://127.0.0.1:1", ROSTER_DEMO_ORG_ACME,
                                        "Acme", ids, "cid-crashed", &error);
    g_assert_no_error (error);
  }

  connect_window (fixture);
  history_window = open_removal_window (fixture, "removal.show-history");
  list = roster_test_find_widget (GTK_WIDGET (history_window),
                                  (RosterTestWidgetMatch) is_named, "history-list");
  g_assert_nonnull (list);
  g_assert_cmpuint (g_list_model_get_n_items (get_rows (list)), ==, 1);

  row = g_list_model_get_item (get_rows (list), 0);
  g_assert_cmpstr (roster_outcome_row_get_title (row), ==, "Acme: 1 member");
  g_assert_false (roster_outcome_row_get_success (row));
  g_assert_nonnull (strstr (roster_outcome_row_get_subtitle (row), "Unconfirmed"));
  g_assert_nonnull (strstr (roster_outcome_row_get_subtitle (row), "cid-crashed"));
  g_assert_nonnull (strstr (roster_outcome_row_get_subtitle (row), "auth0|crashed"));
  gtk_window_destroy (history_window);
}

static void
on_async_ready (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
pointer_is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

/* Returns the role ids of one member, sorted, through the test's client. */
static GStrv
dup_role_ids (Fixture    *fixture,
              const char *user_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  GStrv role_ids;

  roster_client_list_member_roles_async (fixture->client, ROSTER_DEMO_ORG_ACME, user_id, NULL,
                                         on_async_ready, &result);
  wait_until (pointer_is_set, &result, "the roles");
  roles = roster_client_list_member_roles_finish (fixture->client, result, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < roles->len; i++)
    g_strv_builder_add (builder, json_object_get_string_member (g_ptr_array_index (roles, i), "id"));

  role_ids = g_strv_builder_end (builder);
  qsort (role_ids, g_strv_length (role_ids), sizeof (char *), compare_strings);
  return role_ids;
}

/* Returns the ids of a POST body {"roles": [...]} or {"members": [...]},
 * sorted. */
static GStrv
parse_ids_body (const char *body,
                const char *key)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  GStrv ids;

  json_parser_load_from_data (parser, body, -1, &error);
  g_assert_no_error (error);
  array = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), key);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_array_get_string_element (array, i));

  ids = g_strv_builder_end (builder);
  qsort (ids, g_strv_length (ids), sizeof (char *), compare_strings);
  return ids;
}

static gboolean
undo_finished (gpointer data)
{
  Fixture *fixture = data;

  return !roster_removal_controller_is_busy (roster_window_get_removal_controller (fixture->window)) &&
         !roster_window_is_loading (fixture->window);
}

/* Undo adds the twelve members back in two requests and assigns each the
 * roles read before the removal. */
static gboolean
undo_button_is_mapped (gpointer data)
{
  return roster_test_find_widget (GTK_WIDGET (data), roster_test_is_mapped_button, "_Undo") != NULL;
}

static void
test_undo_restores_members_and_roles (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_auto(GStrv) user_ids = NULL;
  g_autoptr(GPtrArray) expected_roles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GPtrArray *requests;
  GtkWidget *undo_button;
  guint n_member_posts = 0;
  guint n_role_posts = 0;
  guint n_with_roles = 0;

  connect_window (fixture);
  open_organization (fixture, ROSTER_DEMO_ORG_ACME);
  user_ids = roster_test_select_first_members (fixture->window, 12);
  for (guint i = 0; i < 12; i++)
    {
      GStrv role_ids = dup_role_ids (fixture, user_ids[i]);

      n_with_roles += role_ids[0] != NULL;
      g_ptr_array_add (expected_roles, role_ids);
    }
  g_assert_cmpuint (n_with_roles, >, 0);

  confirm_removal (fixture);
  wait_until (roster_test_window_is_idle, fixture->window, "the removal to finish");
  g_assert_cmpuint (roster_test_count_members (fixture->window), ==, ACME_MEMBER_COUNT - 12);
  g_assert_true (has_toast (fixture, "Removed 12 members from Acme &amp; &lt;Sons&gt; (204)"));

  roster_demo_tenant_clear_requests (fixture->tenant);

  /* Through the toast's own button, as a user does: the toast goes away
   * while Undo starts. */
  wait_until (undo_button_is_mapped, fixture->window, "the Undo button of the toast");
  undo_button = roster_test_find_widget (GTK_WIDGET (fixture->window), roster_test_is_mapped_button, "_Undo");
  g_signal_emit_by_name (undo_button, "clicked");
  wait_until (undo_finished, fixture, "Undo to finish");

  g_assert_true (has_toast (fixture, "Restored 12 members to Acme &amp; &lt;Sons&gt;"));
  g_assert_cmpuint (roster_test_count_members (fixture->window), ==, ACME_MEMBER_COUNT);
  for (guint i = 0; i < 12; i++)
    {
      g_assert_true (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_ACME, user_ids[i]));
      g_assert_true (roster_test_lists_member (fixture->window, user_ids[i]));
    }

  requests = roster_demo_tenant_get_requests (fixture->tenant);
  for (guint i = 0; i < requests->len; i++)
    {
      RosterDemoRequest *request = g_ptr_array_index (requests, i);

      if (!g_str_equal (request->method, "POST"))
        continue;

      g_assert_cmpuint (request->status, ==, 204);
      if (g_str_equal (request->path, ACME_MEMBERS_PATH))
        {
          g_auto(GStrv) ids = parse_ids_body (request->body, "members");

          n_member_posts++;
          g_assert_cmpuint (g_strv_length (ids), ==, n_member_posts == 1 ? 10 : 2);
          continue;
        }

      n_role_posts++;
      for (guint j = 0; j < 12; j++)
        {
          g_autofree char *escaped = g_uri_escape_string (user_ids[j], NULL, FALSE);
          g_autofree char *path = g_strdup_printf ("%s/%s/roles", ACME_MEMBERS_PATH, escaped);

          if (g_str_equal (request->path, path))
            {
              g_auto(GStrv) role_ids = parse_ids_body (request->body, "roles");

              g_assert_cmpstrv (role_ids, g_ptr_array_index (expected_roles, j));
            }
        }
    }
  g_assert_cmpuint (n_member_posts, ==, 2);
  g_assert_cmpuint (n_role_posts, ==, n_with_roles);
}

/* Without create:organization_members the toast explains why Undo is
 * unavailable, and the action does nothing. */
static void
test_undo_without_scope_explains (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_auto(GStrv) user_ids = NULL;

  connect_window_with_scopes (fixture, "read:organizations read:organization_members "
                                       "delete:organization_members");
  open_organization (fixture, ROSTER_DEMO_ORG_ACME);
  user_ids = roster_test_select_first_members (fixture->window, 3);

  confirm_removal (fixture);
  wait_until (roster_test_window_is_idle, fixture->window, "the removal to finish");

  g_assert_true (has_toast (fixture, "Removed 3 members from Acme &amp; &lt;Sons&gt; (204). "
                                     "Undo needs the create:organization_members scope."));
  g_assert_false (g_action_group_get_action_enabled (
                    roster_removal_controller_get_action_group (roster_window_get_removal_controller (fixture->window)),
                    "undo"));

  roster_demo_tenant_clear_requests (fixture->tenant);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "removal.undo", NULL);
  g_assert_cmpuint (roster_demo_tenant_get_requests (fixture->tenant)->len, ==, 0);
  g_assert_false (roster_demo_tenant_has_member (fixture->tenant, ROSTER_DEMO_ORG_ACME, user_ids[0]));
}

/* Counts the mapped labels under @widget whose text contains @part,
 * leaving out toasts. */
static guint
count_mapped_labels_containing (GtkWidget  *widget,
                                const char *part)
{
  guint count = 0;

  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget"))
    return 0;

  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), part) != NULL)
    count++;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count += count_mapped_labels_containing (child, part);

  return count;
}

/* The outcome shows in one status line under the list, not once in the
 * removal row and again in the action bar. */
static void
test_outcome_in_one_status_line (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_auto(GStrv) user_ids = NULL;

  connect_window (fixture);
  open_organization (fixture, ROSTER_DEMO_ORG_ACME);
  user_ids = roster_test_select_first_members (fixture->window, 3);

  confirm_removal (fixture);
  wait_until (roster_test_window_is_idle, fixture->window, "the removal to finish");

  g_assert_nonnull (strstr (roster_window_get_status_text (fixture->window), "Removed 3 members"));
  g_assert_cmpuint (count_mapped_labels_containing (GTK_WIDGET (fixture->window), "Removed 3 members"), ==, 1);
}

/* Closing the window while a removal runs would leave members unsent
 * without a word, so the window stays open and explains why. Once the removal
 * ends, closing works. */
static void
test_close_waits_for_removal (Fixture       *fixture,
                              gconstpointer  data)
{
  g_auto(GStrv) user_ids = NULL;

  /* A burst of one, then one request every 10 s: the second request
   * waits long enough to try closing. */
  roster_demo_tenant_set_rate_limit (fixture->tenant, 1, 6);
  connect_window (fixture);
  open_organization (fixture, ROSTER_DEMO_ORG_ACME);
  user_ids = roster_test_select_first_members (fixture->window, 20);

  confirm_removal (fixture);
  wait_until (first_request_done, fixture, "the first request to finish");

  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_close (GTK_WINDOW (fixture->window));

  g_assert_nonnull (fixture->window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  g_assert_nonnull (strstr (roster_window_get_status_text (fixture->window), "closes only after the removal"));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "removal.cancel", NULL);
  wait_until (roster_test_window_is_idle, fixture->window, "the removal to stop");

  gtk_window_close (GTK_WINDOW (fixture->window));
  wait_until (roster_test_pointer_is_null, &fixture->window, "the window to close");
}

static void
add_test (const char *path,
          void      (*function) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, function, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  state_dir = g_dir_make_tmp ("roster-removal-window-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  application = GTK_APPLICATION (adw_application_new ("io.github.roster_app.Roster.RemovalWindowTest",
                                                      G_APPLICATION_NON_UNIQUE));
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  add_test ("/removal-window/failure-in-details", test_failure_in_details);
  add_test ("/removal-window/cancel-after-two-requests", test_cancel_after_two_requests);
  add_test ("/removal-window/history-records-run", test_history_records_run);
  add_test ("/removal-window/history-shows-unconfirmed", test_history_shows_unconfirmed);
  add_test ("/removal-window/undo-restores", test_undo_restores_members_and_roles);
  add_test ("/removal-window/undo-without-scope", test_undo_without_scope_explains);
  add_test ("/removal-window/outcome-in-one-status-line", test_outcome_in_one_status_line);
  add_test ("/removal-window/close-waits-for-removal", test_close_waits_for_removal);

  status = g_test_run ();

  g_clear_object (&application);
  g_rmdir (state_dir);
  g_free (state_dir);

  return status;
}
