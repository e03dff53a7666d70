/* test-removed-members.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-removed-members.h"

#define ORG_A "org_aaaaaaaaaaaaaaaa"
#define ORG_B "org_bbbbbbbbbbbbbbbb"
#define START G_GINT64_CONSTANT (1000000000)

static void
test_contains_within_lifetime (void)
{
  g_autoptr(RosterRemovedMembers) removed = roster_removed_members_new ();

  roster_removed_members_add (removed, ORG_A, "auth0|1", START);

  g_assert_true (roster_removed_members_contains (removed, ORG_A, "auth0|1", START));
  g_assert_true (roster_removed_members_contains (removed, ORG_A, "auth0|1",
                                                  START + ROSTER_REMOVED_MEMBERS_LIFETIME_USEC - 1));
  g_assert_false (roster_removed_members_contains (removed, ORG_A, "auth0|1",
                                                   START + ROSTER_REMOVED_MEMBERS_LIFETIME_USEC));
}

static void
test_keyed_by_organization (void)
{
  g_autoptr(RosterRemovedMembers) removed = roster_removed_members_new ();

  roster_removed_members_add (removed, ORG_A, "auth0|1", START);

  g_assert_false (roster_removed_members_contains (removed, ORG_B, "auth0|1", START));
  g_assert_false (roster_removed_members_contains (removed, ORG_A, "auth0|2", START));
}

/* Undo forgets a removal, so the member lists again within the minute. */
static void
test_forget_after_undo (void)
{
  g_autoptr(RosterRemovedMembers) removed = roster_removed_members_new ();

  roster_removed_members_add (removed, ORG_A, "auth0|1", START);
  roster_removed_members_add (removed, ORG_A, "auth0|2", START);
  roster_removed_members_forget (removed, ORG_A, "auth0|1");
  roster_removed_members_forget (removed, ORG_B, "auth0|2");

  g_assert_false (roster_removed_members_contains (removed, ORG_A, "auth0|1", START));
  g_assert_true (roster_removed_members_contains (removed, ORG_A, "auth0|2", START));
}

static void
test_add_forgets_expired (void)
{
  g_autoptr(RosterRemovedMembers) removed = roster_removed_members_new ();
  gint64 later = START + ROSTER_REMOVED_MEMBERS_LIFETIME_USEC;

  roster_removed_members_add (removed, ORG_A, "auth0|1", START);
  roster_removed_members_add (removed, ORG_B, "auth0|2", START + 1);
  g_assert_cmpuint (roster_removed_members_get_size (removed), ==, 2);

  roster_removed_members_add (removed, ORG_B, "auth0|3", later);
  g_assert_cmpuint (roster_removed_members_get_size (removed), ==, 2);
  g_assert_false (roster_removed_members_contains (removed, ORG_A, "auth0|1", later));
  g_assert_true (roster_removed_members_contains (removed, ORG_B, "auth0|2", later));
}

static void
test_add_again_restarts_lifetime (void)
{
  g_autoptr(RosterRemovedMembers) removed = roster_removed_members_new ();
  gint64 again = START + ROSTER_REMOVED_MEMBERS_LIFETIME_USEC / 2;

  roster_removed_members_add (removed, ORG_A, "auth0|1", START);
  roster_removed_members_add (removed, ORG_A, "auth0|1", again);

  g_assert_cmpuint (roster_removed_members_get_size (removed), ==, 1);
  g_assert_true (roster_removed_members_contains (removed, ORG_A, "auth0|1",
                                                  START + ROSTER_REMOVED_MEMBERS_LIFETIME_USEC));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/removed-members/within-lifetime", test_contains_within_lifetime);
  g_test_add_func ("/removed-members/per-organization", test_keyed_by_organization);
  g_test_add_func ("/removed-members/add-forgets-expired", test_add_forgets_expired);
  g_test_add_func ("/removed-members/forget-after-undo", test_forget_after_undo);
  g_test_add_func ("/removed-members/add-again-restarts", test_add_again_restarts_lifetime);

  return g_test_run ();
}
