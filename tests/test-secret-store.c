/* test-secret-store.c: secrets through libsecret's file backend, which runs
 * the real secret_password_* code without a Secret Service. meson sets
 * SECRET_BACKEND=file, SECRET_FILE_TEST_PATH and SECRET_FILE_TEST_PASSWORD.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "roster-secret-store.h"

#define TIMEOUT_SECONDS 10

static gboolean
on_timeout (gpointer user_data)
{
  g_error ("Timed out after %d seconds waiting for the keyring", TIMEOUT_SECONDS);
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
save_secret (const char       *tenant_id,
             RosterSecretKind  kind,
             const char       *secret)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  roster_secret_store_save_async (tenant_id, kind, "travel0.us.auth0.com", secret,
                                  NULL, store_result_cb, &result);
  g_assert_true (roster_secret_store_save_finish (wait_for_result (&result), &error));
  g_assert_no_error (error);
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

static void
delete_secrets (const char *tenant_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  roster_secret_store_delete_async (tenant_id, NULL, store_result_cb, &result);
  g_assert_true (roster_secret_store_delete_finish (wait_for_result (&result), &error));
  g_assert_no_error (error);
}

static void
test_secret_store_round_trip (void)
{
  char *secret;

  save_secret ("tenant-a", ROSTER_SECRET_KIND_CLIENT_SECRET, "s3cr3t-a");
  save_secret ("tenant-a", ROSTER_SECRET_KIND_API_TOKEN, "token-a");
  save_secret ("tenant-b", ROSTER_SECRET_KIND_CLIENT_SECRET, "s3cr3t-b");

  secret = lookup_secret ("tenant-a", ROSTER_SECRET_KIND_CLIENT_SECRET);
  g_assert_cmpstr (secret, ==, "s3cr3t-a");
  roster_secret_store_free_secret (secret);

  secret = lookup_secret ("tenant-a", ROSTER_SECRET_KIND_API_TOKEN);
  g_assert_cmpstr (secret, ==, "token-a");
  roster_secret_store_free_secret (secret);

  secret = lookup_secret ("tenant-b", ROSTER_SECRET_KIND_CLIENT_SECRET);
  g_assert_cmpstr (secret, ==, "s3cr3t-b");
  roster_secret_store_free_secret (secret);

  delete_secrets ("tenant-a");
  delete_secrets ("tenant-b");
}

static void
test_secret_store_replace (void)
{
  char *secret;

  save_secret ("tenant-c", ROSTER_SECRET_KIND_CLIENT_SECRET, "first");
  save_secret ("tenant-c", ROSTER_SECRET_KIND_CLIENT_SECRET, "second");

  secret = lookup_secret ("tenant-c", ROSTER_SECRET_KIND_CLIENT_SECRET);
  g_assert_cmpstr (secret, ==, "second");
  roster_secret_store_free_secret (secret);

  delete_secrets ("tenant-c");
}

static void
test_secret_store_delete_removes_both_kinds (void)
{
  char *secret;

  save_secret ("tenant-d", ROSTER_SECRET_KIND_CLIENT_SECRET, "client-secret-d");
  save_secret ("tenant-d", ROSTER_SECRET_KIND_API_TOKEN, "token-d");
  save_secret ("tenant-e", ROSTER_SECRET_KIND_API_TOKEN, "token-e");

  delete_secrets ("tenant-d");

  g_assert_null (lookup_secret ("tenant-d", ROSTER_SECRET_KIND_CLIENT_SECRET));
  g_assert_null (lookup_secret ("tenant-d", ROSTER_SECRET_KIND_API_TOKEN));

  secret = lookup_secret ("tenant-e", ROSTER_SECRET_KIND_API_TOKEN);
  g_assert_cmpstr (secret, ==, "token-e");
  roster_secret_store_free_secret (secret);

  delete_secrets ("tenant-e");
  delete_secrets ("tenant-never-stored");
}

static void
test_secret_store_file_is_encrypted (void)
{
  const char *path = g_getenv ("SECRET_FILE_TEST_PATH");
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_nonnull (path);

  save_secret ("tenant-f", ROSTER_SECRET_KIND_CLIENT_SECRET, "plain-text-canary");

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_null (g_strstr_len (contents, length, "plain-text-canary"));

  delete_secrets ("tenant-f");
}

int
main (int   argc,
      char *argv[])
{
  const char *path = g_getenv ("SECRET_FILE_TEST_PATH");

  g_test_init (&argc, &argv, NULL);

  if (g_strcmp0 (g_getenv ("SECRET_BACKEND"), "file") != 0 || path == NULL)
    g_error ("Run this test through meson: it needs SECRET_BACKEND=file and SECRET_FILE_TEST_PATH");

  /* Each run starts from an empty keyring file. */
  g_unlink (path);

  g_test_add_func ("/secret-store/round-trip", test_secret_store_round_trip);
  g_test_add_func ("/secret-store/replace", test_secret_store_replace);
  g_test_add_func ("/secret-store/delete-removes-both-kinds", test_secret_store_delete_removes_both_kinds);
  g_test_add_func ("/secret-store/file-is-encrypted", test_secret_store_file_is_encrypted);

  return g_test_run ();
}
