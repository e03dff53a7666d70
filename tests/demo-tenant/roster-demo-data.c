/* roster-demo-data.c: organizations, users, roles and memberships of the
 * demo tenant.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-demo-private.h"

static void
role_free (gpointer data)
{
  RosterDemoRole *role = data;

  g_free (role->id);
  g_free (role->name);
  g_free (role->description);
  g_free (role);
}

static void
user_free (gpointer data)
{
  RosterDemoUser *user = data;

  g_free (user->user_id);
  g_free (user->name);
  g_free (user->email);
  g_free (user->avatar);
  g_free (user);
}

static void
membership_free (gpointer data)
{
  RosterDemoMembership *membership = data;

  g_ptr_array_unref (membership->roles);
  g_free (membership);
}

static void
organization_free (gpointer data)
{
  RosterDemoOrganization *organization = data;

  g_free (organization->id);
  g_free (organization->name);
  g_free (organization->display_name);
  g_hash_table_unref (organization->memberships_by_user);
  g_ptr_array_unref (organization->memberships);
  g_free (organization);
}

RosterDemoData *
roster_demo_data_new (void)
{
  RosterDemoData *data = g_new0 (RosterDemoData, 1);

  data->organizations = g_ptr_array_new_with_free_func (organization_free);
  data->organizations_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  data->users = g_ptr_array_new_with_free_func (user_free);
  data->users_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  data->roles = g_ptr_array_new_with_free_func (role_free);
  data->roles_by_id = g_hash_table_new (g_str_hash, g_str_equal);

  return data;
}

void
roster_demo_data_free (RosterDemoData *data)
{
  if (data == NULL)
    return;

  /* The indexes borrow their keys and values from the arrays. */
  g_hash_table_unref (data->organizations_by_id);
  g_hash_table_unref (data->users_by_id);
  g_hash_table_unref (data->roles_by_id);
  g_ptr_array_unref (data->organizations);
  g_ptr_array_unref (data->users);
  g_ptr_array_unref (data->roles);
  g_free (data);
}

RosterDemoOrganization *
roster_demo_data_add_organization (RosterDemoData *data,
                                   const char     *id,
                                   const char     *name,
                                   const char     *display_name,
                                   gint64          created_at_ms)
{
  RosterDemoOrganization *organization = g_new0 (RosterDemoOrganization, 1);

  g_assert (data != NULL);
  g_assert (id != NULL);
  g_assert (name != NULL);
  g_assert (!g_hash_table_contains (data->organizations_by_id, id));

  organization->id = g_strdup (id);
  organization->name = g_strdup (name);
  organization->display_name = g_strdup (display_name);
  organization->created_at_ms = created_at_ms;
  organization->memberships = g_ptr_array_new_with_free_func (membership_free);
  organization->memberships_by_user = g_hash_table_new (g_str_hash, g_str_equal);

  g_ptr_array_add (data->organizations, organization);
  g_hash_table_insert (data->organizations_by_id, organization->id, organization);

  return organization;
}

RosterDemoUser *
roster_demo_data_add_user (RosterDemoData *data,
                           const char     *user_id,
                           const char     *name,
                           const char     *email,
                           const char     *avatar)
{
  RosterDemoUser *user = g_new0 (RosterDemoUser, 1);

  g_assert (data != NULL);
  g_assert (user_id != NULL);
  g_assert (!g_hash_table_contains (data->users_by_id, user_id));

  user->user_id = g_strdup (user_id);
  user->name = g_strdup (name);
  user->email = g_strdup (email);
  user->avatar = g_strdup (avatar);

  g_ptr_array_add (data->users, user);
  g_hash_table_insert (data->users_by_id, user->user_id, user);

  return user;
}

RosterDemoRole *
roster_demo_data_add_role (RosterDemoData *data,
                           const char     *id,
                           const char     *name,
                           const char     *description)
{
  RosterDemoRole *role = g_new0 (RosterDemoRole, 1);

  g_assert (data != NULL);
  g_assert (id != NULL);
  g_assert (!g_hash_table_contains (data->roles_by_id, id));

  role->id = g_strdup (id);
  role->name = g_strdup (name);
  role->description = g_strdup (description);

  g_ptr_array_add (data->roles, role);
  g_hash_table_insert (data->roles_by_id, role->id, role);

  return role;
}

static int
compare_organization_names (gconstpointer a,
                            gconstpointer b)
{
  const RosterDemoOrganization *first = *(RosterDemoOrganization * const *) a;
  const RosterDemoOrganization *second = *(RosterDemoOrganization * const *) b;

  return strcmp (first->name, second->name);
}

void
roster_demo_data_sort_organizations (RosterDemoData *data)
{
  g_assert (data != NULL);

  g_ptr_array_sort (data->organizations, compare_organization_names);
}

RosterDemoOrganization *
roster_demo_data_find_organization (RosterDemoData *data,
                                    const char     *id)
{
  g_assert (data != NULL);
  g_assert (id != NULL);

  return g_hash_table_lookup (data->organizations_by_id, id);
}

RosterDemoUser *
roster_demo_data_find_user (RosterDemoData *data,
                            const char     *user_id)
{
  g_assert (data != NULL);
  g_assert (user_id != NULL);

  return g_hash_table_lookup (data->users_by_id, user_id);
}

RosterDemoRole *
roster_demo_data_find_role (RosterDemoData *data,
                            const char     *id)
{
  g_assert (data != NULL);
  g_assert (id != NULL);

  return g_hash_table_lookup (data->roles_by_id, id);
}

/* Returns the membership record of @user_id, also when it was removed. */
RosterDemoMembership *
roster_demo_organization_find_member (RosterDemoOrganization *organization,
                                      const char             *user_id)
{
  g_assert (organization != NULL);
  g_assert (user_id != NULL);

  return g_hash_table_lookup (organization->memberships_by_user, user_id);
}

/* Adds @user at the end of the member list. A user removed earlier gets
 * the old record back, in its old place and with its roles, because the
 * record is never dropped: checkpoint tokens keep pointing at it. */
RosterDemoMembership *
roster_demo_organization_add_member (RosterDemoOrganization *organization,
                                     RosterDemoUser         *user,
                                     gint64                  joined_at_ms)
{
  RosterDemoMembership *membership;

  g_assert (organization != NULL);
  g_assert (user != NULL);

  membership = roster_demo_organization_find_member (organization, user->user_id);
  if (membership != NULL)
    {
      membership->active = TRUE;
      return membership;
    }

  membership = g_new0 (RosterDemoMembership, 1);
  membership->user = user;
  membership->roles = g_ptr_array_new ();
  membership->joined_at_ms = joined_at_ms;
  membership->active = TRUE;

  g_ptr_array_add (organization->memberships, membership);
  g_hash_table_insert (organization->memberships_by_user, user->user_id, membership);

  return membership;
}

/* Removes @user_id from the primary store at once. Member lists still show
 * it until @listed_until_us (monotonic time), as Auth0's search index does
 * for a few seconds. Removing a non-member does nothing. */
void
roster_demo_organization_remove_member (RosterDemoOrganization *organization,
                                        const char             *user_id,
                                        gint64                  listed_until_us)
{
  RosterDemoMembership *membership;

  g_assert (organization != NULL);
  g_assert (user_id != NULL);

  membership = roster_demo_organization_find_member (organization, user_id);
  if (membership == NULL || !membership->active)
    return;

  membership->active = FALSE;
  membership->listed_until_us = listed_until_us;
}

gboolean
roster_demo_membership_is_listed (const RosterDemoMembership *membership,
                                  gint64                      now_us)
{
  g_assert (membership != NULL);

  return membership->active || now_us < membership->listed_until_us;
}

void
roster_demo_membership_add_role (RosterDemoMembership *membership,
                                 RosterDemoRole       *role)
{
  g_assert (membership != NULL);
  g_assert (role != NULL);

  if (!g_ptr_array_find (membership->roles, role, NULL))
    g_ptr_array_add (membership->roles, role);
}

void
roster_demo_membership_remove_role (RosterDemoMembership *membership,
                                    RosterDemoRole       *role)
{
  g_assert (membership != NULL);
  g_assert (role != NULL);

  g_ptr_array_remove (membership->roles, role);
}
