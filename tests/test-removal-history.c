/* test-removal-history.c: the removal history file in the state directory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "roster-removal-history.h"

static char *state_dir = NULL;

static char *
new_history_path (const char *name)
{
  return g_build_filename (state_dir, name, "removal-history.jsonl", NULL);
}

static void
test_default_path_in_state_dir (void)
{
  g_autofree char *path = roster_removal_history_dup_default_path ();
  g_autofree char *expected = g_build_filename (state_dir, "roster", "removal-history.jsonl", NULL);

  g_assert_cmpstr (path, ==, expected);
}

static void
test_missing_file_is_empty (void)
{
  g_autofree char *path = new_history_path ("missing");
  g_autoptr(RosterRemovalHistory) history = roster_removal_history_new (path);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  records = roster_removal_history_load (history, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 0);
}

static void
test_sent_and_answered (void)
{
  g_autofree char *path = new_history_path ("answered");
  g_autoptr(RosterRemovalHistory) history = roster_removal_history_new (path);
  const char *ids[] = { "auth0|1", "auth0|2", NULL };
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  RosterHistoryRecord *record;

  roster_removal_history_record_sent (history, "https://t.example", "org_1", "Acme & <Sons>",
                                      ids, "cid-1", &error);
  g_assert_no_error (error);
  g_assert_true (roster_removal_history_is_in_flight (history, "cid-1"));

  roster_removal_history_record_answered (history, "cid-1", 204, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (roster_removal_history_is_in_flight (history, "cid-1"));

  records = roster_removal_history_load (history, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpstr (record->tenant, ==, "https://t.example");
  g_assert_cmpstr (record->organization_id, ==, "org_1");
  g_assert_cmpstr (record->organization_name, ==, "Acme & <Sons>");
  g_assert_cmpstrv (record->user_ids, ids);
  g_assert_cmpstr (record->correlation_id, ==, "cid-1");
  g_assert_true (record->answered);
  g_assert_cmpuint (record->status, ==, 204);
  g_assert_null (record->message);
  g_assert_nonnull (record->sent_at);
}

/* A process that ends between "sent" and "answered" leaves a request the
 * next process loads as unanswered, and not as its own. A line cut off
 * by the crash is skipped. */
static void
test_unanswered_after_restart (void)
{
  g_autofree char *path = new_history_path ("crashed");
  const char *first_ids[] = { "auth0|1", NULL };
  const char *second_ids[] = { "auth0|2", NULL };
  g_autoptr(RosterRemovalHistory) restarted = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *cut = NULL;
  RosterHistoryRecord *record;

  {
    g_autoptr(RosterRemovalHistory) crashed = roster_removal_history_new (path);

    roster_removal_history_record_sent (crashed, "https://t.example", "org_1", "Acme",
                                        first_ids, "cid-1", &error);
    g_assert_no_error (error);
    roster_removal_history_record_answered (crashed, "cid-1", 500, "Internal error", &error);
    g_assert_no_error (error);
    roster_removal_history_record_sent (crashed, "https://t.example", "org_1", "Acme",
                                        second_ids, "cid-2", &error);
    g_assert_no_error (error);
  }

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  cut = g_strconcat (contents, "{\"event\":\"answered\",\"correlation_id\":\"cid-2\",\"sta", NULL);
  g_file_set_contents (path, cut, -1, &error);
  g_assert_no_error (error);

  restarted = roster_removal_history_new (path);
  records = roster_removal_history_load (restarted, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);

  record = g_ptr_array_index (records, 0);
  g_assert_true (record->answered);
  g_assert_cmpuint (record->status, ==, 500);
  g_assert_cmpstr (record->message, ==, "Internal error");

  record = g_ptr_array_index (records, 1);
  g_assert_cmpstr (record->correlation_id, ==, "cid-2");
  g_assert_false (record->answered);
  g_assert_cmpuint (record->status, ==, 0);
  g_assert_false (roster_removal_history_is_in_flight (restarted, "cid-2"));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }

  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* g_get_user_state_dir() reads XDG_STATE_HOME once, at its first call. */
  state_dir = g_dir_make_tmp ("roster-history-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_STATE_HOME", state_dir, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/removal-history/default-path", test_default_path_in_state_dir);
  g_test_add_func ("/removal-history/missing-file", test_missing_file_is_empty);
  g_test_add_func ("/removal-history/sent-and-answered", test_sent_and_answered);
  g_test_add_func ("/removal-history/unanswered-after-restart", test_unanswered_after_restart);

  status = g_test_run ();
  remove_tree (state_dir);
  g_free (state_dir);

  return status;
}
