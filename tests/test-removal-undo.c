/* test-removal-undo.c: Undo of a removal against the demo tenant: roles
 * read before the removal, members and roles written back after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "roster-demo-tenant.h"
#include "roster-removal-undo.h"

#define TIMEOUT_SECONDS 15
#define ACME_MEMBERS_PATH "/api/v2/organizations/" ROSTER_DEMO_ORG_ACME "/members"

static gboolean
on_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_for_result (GAsyncResult **result)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (TIMEOUT_SECONDS, on_timeout, &timed_out);

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

static RosterClient *
new_client (RosterDemoTenant *tenant)
{
  g_autofree char *token = roster_demo_tenant_mint_token (tenant, NULL);
  RosterClient *client = roster_client_new (roster_demo_tenant_get_base_uri (tenant));

  roster_client_set_access_token (client, token);
  return client;
}

static GPtrArray *
list_roles_sync (RosterClient *client,
                 const char   *user_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *roles;

  roster_client_list_member_roles_async (client, ROSTER_DEMO_ORG_ACME, user_id, NULL,
                                         on_async_ready, &result);
  wait_for_result (&result);
  roles = roster_client_list_member_roles_finish (client, result, &error);
  g_assert_no_error (error);

  return roles;
}

static GStrv
parse_ids (const char *body,
           const char *key)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  json_parser_load_from_data (parser, body, -1, &error);
  g_assert_no_error (error);
  array = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), key);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_array_get_string_element (array, i));

  return g_strv_builder_end (builder);
}

/* Finds the first Acme member with at least one role. */
static char *
find_member_with_roles (RosterDemoTenant *tenant,
                        RosterClient     *client,
                        GStrv            *role_ids_out)
{
  g_auto(GStrv) member_ids = roster_demo_tenant_list_member_ids (tenant, ROSTER_DEMO_ORG_ACME);

  for (guint i = 0; member_ids[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) roles = list_roles_sync (client, member_ids[i]);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      if (roles->len == 0)
        continue;

      for (guint j = 0; j < roles->len; j++)
        g_strv_builder_add (builder, json_object_get_string_member (g_ptr_array_index (roles, j), "id"));
      *role_ids_out = g_strv_builder_end (builder);

      return g_strdup (member_ids[i]);
    }

  g_assert_not_reached ();
}

/* The roles read before the removal go back with the member: one POST for
 * the members, one per member with roles. */
static void
test_undo_reads_and_restores_roles (void)
{
  g_autoptr(RosterDemoTenant) tenant = roster_demo_tenant_new ();
  g_autoptr(RosterRemovalUndo) undo = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) role_ids = NULL;
  g_auto(GStrv) restored = NULL;
  g_autofree char *with_roles = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *roles_path = NULL;
  GPtrArray *requests;
  RosterClient *client;
  guint n_member_posts = 0;
  guint n_role_posts = 0;

  roster_demo_tenant_start (tenant, 0, &error);
  g_assert_no_error (error);
  client = new_client (tenant);
  with_roles = find_member_with_roles (tenant, client, &role_ids);

  undo = roster_removal_undo_new (client, ROSTER_DEMO_ORG_ACME);
  {
    const char *ids[] = { with_roles, NULL };

    roster_removal_undo_read_roles_async (undo, ids, NULL, on_async_ready, &result);
    wait_for_result (&result);
    roster_removal_undo_read_roles_finish (undo, result);
    g_clear_object (&result);

    roster_client_remove_members_async (client, ROSTER_DEMO_ORG_ACME, ids, NULL, on_async_ready, &result);
    wait_for_result (&result);
    g_assert_true (roster_client_remove_members_finish (client, result, &error));
    g_assert_no_error (error);
    g_clear_object (&result);

    roster_removal_undo_add_removed (undo, ids);
  }
  g_assert_false (roster_demo_tenant_has_member (tenant, ROSTER_DEMO_ORG_ACME, with_roles));

  roster_demo_tenant_clear_requests (tenant);
  roster_removal_undo_run_async (undo, NULL, on_async_ready, &result);
  wait_for_result (&result);
  restored = roster_removal_undo_run_finish (undo, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (restored), ==, 1);
  g_assert_cmpstr (restored[0], ==, with_roles);
  g_assert_true (roster_demo_tenant_has_member (tenant, ROSTER_DEMO_ORG_ACME, with_roles));

  escaped = g_uri_escape_string (with_roles, NULL, FALSE);
  roles_path = g_strdup_printf ("%s/%s/roles", ACME_MEMBERS_PATH, escaped);
  requests = roster_demo_tenant_get_requests (tenant);
  for (guint i = 0; i < requests->len; i++)
    {
      RosterDemoRequest *request = g_ptr_array_index (requests, i);

      g_assert_cmpstr (request->method, ==, "POST");
      g_assert_cmpuint (request->status, ==, 204);

      if (g_str_equal (request->path, ACME_MEMBERS_PATH))
        {
          g_auto(GStrv) ids = parse_ids (request->body, "members");

          n_member_posts++;
          g_assert_cmpuint (g_strv_length (ids), ==, 1);
          g_assert_cmpstr (ids[0], ==, with_roles);
        }
      else
        {
          g_auto(GStrv) ids = parse_ids (request->body, "roles");

          n_role_posts++;
          g_assert_cmpstr (request->path, ==, roles_path);
          g_assert_cmpstrv (ids, role_ids);
        }
    }
  g_assert_cmpuint (n_member_posts, ==, 1);
  g_assert_cmpuint (n_role_posts, ==, 1);

  g_clear_object (&undo);
  g_clear_object (&result);
  g_assert_finalize_object (client);
}

/* A failed POST does not stop the ones after it, and the result names
 * the members that came back. */
static void
test_undo_continues_after_failure (void)
{
  g_autoptr(RosterDemoTenant) tenant = roster_demo_tenant_new ();
  g_autoptr(RosterRemovalUndo) undo = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) member_ids = NULL;
  g_auto(GStrv) restored = NULL;
  g_autoptr(RosterClient) client = NULL;
  const char *ids[13] = { NULL };

  roster_demo_tenant_start (tenant, 0, &error);
  g_assert_no_error (error);
  client = new_client (tenant);
  member_ids = roster_demo_tenant_list_member_ids (tenant, ROSTER_DEMO_ORG_ACME);
  for (guint i = 0; i < 12; i++)
    ids[i] = member_ids[i];

  roster_client_remove_members_batched_async (client, ROSTER_DEMO_ORG_ACME, ids, NULL, NULL, NULL,
                                              on_async_ready, &result);
  wait_for_result (&result);
  g_ptr_array_unref (roster_client_remove_members_batched_finish (client, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  undo = roster_removal_undo_new (client, ROSTER_DEMO_ORG_ACME);
  roster_removal_undo_add_removed (undo, ids);
  roster_demo_tenant_inject_failure (tenant, "POST", NULL, 500, NULL, "Internal error");

  roster_removal_undo_run_async (undo, NULL, on_async_ready, &result);
  wait_for_result (&result);
  restored = roster_removal_undo_run_finish (undo, result, &error);

  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_SERVER);
  g_assert_cmpuint (g_strv_length (restored), ==, 2);
  g_assert_cmpstr (restored[0], ==, ids[10]);
  g_assert_cmpstr (restored[1], ==, ids[11]);
  g_assert_false (roster_demo_tenant_has_member (tenant, ROSTER_DEMO_ORG_ACME, ids[0]));
  g_assert_true (roster_demo_tenant_has_member (tenant, ROSTER_DEMO_ORG_ACME, ids[11]));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/removal-undo/reads-and-restores-roles", test_undo_reads_and_restores_roles);
  g_test_add_func ("/removal-undo/continues-after-failure", test_undo_continues_after_failure);

  return g_test_run ();
}
