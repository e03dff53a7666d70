/* test-member-roles.c: reading the "roles" of a member object.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-api.h"

static RosterMember *
member_from_text (const char *text)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  RosterMember *member;

  node = json_from_string (text, &error);
  g_assert_no_error (error);

  member = roster_member_new_from_json (json_node_get_object (node), &error);
  g_assert_no_error (error);
  g_assert_nonnull (member);

  return member;
}

static void
test_roles_listed (void)
{
  g_autoptr(RosterMember) member = NULL;

  member = member_from_text ("{\"user_id\": \"auth0|1\", \"roles\": ["
                             "{\"id\": \"rol_1\", \"name\": \"Admin\"},"
                             "{\"id\": \"rol_2\"},"
                             "{\"name\": \"Support\"},"
                             "\"not an object\"]}");

  g_assert_cmpstrv (roster_member_get_roles (member), ((const char *[]) { "Admin", "Support", NULL }));
  g_assert_cmpstrv (roster_member_get_role_ids (member), ((const char *[]) { "rol_1", "", NULL }));
}

static void
test_roles_empty (void)
{
  g_autoptr(RosterMember) member = member_from_text ("{\"user_id\": \"auth0|1\", \"roles\": []}");

  g_assert_nonnull (roster_member_get_roles (member));
  g_assert_null (roster_member_get_roles (member)[0]);
}

/* An absent "roles" and one of another type both mean the list did not
 * include roles. */
static void
test_roles_absent (void)
{
  g_autoptr(RosterMember) absent = member_from_text ("{\"user_id\": \"auth0|1\"}");
  g_autoptr(RosterMember) wrong_type = member_from_text ("{\"user_id\": \"auth0|1\", \"roles\": \"Admin\"}");

  g_assert_null (roster_member_get_roles (absent));
  g_assert_null (roster_member_get_role_ids (absent));
  g_assert_null (roster_member_get_roles (wrong_type));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/member-roles/listed", test_roles_listed);
  g_test_add_func ("/member-roles/empty", test_roles_empty);
  g_test_add_func ("/member-roles/absent", test_roles_absent);

  return g_test_run ();
}
