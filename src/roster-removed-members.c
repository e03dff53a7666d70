/* roster-removed-members.c: members removed in the last minute, so that a
 * list reloaded while Auth0 still shows them can leave them out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-removed-members.h"

struct _RosterRemovedMembers
{
  GObject     parent_instance;

  /* organization id → (user id → gint64 removal time) */
  GHashTable *organizations;  /* owned */
};

G_DEFINE_FINAL_TYPE (RosterRemovedMembers, roster_removed_members, G_TYPE_OBJECT)

static gboolean
is_expired (gint64 removed_at,
            gint64 now)
{
  return now - removed_at >= ROSTER_REMOVED_MEMBERS_LIFETIME_USEC;
}

static gboolean
remove_expired_member (gpointer key,
                       gpointer value,
                       gpointer user_data)
{
  const gint64 *removed_at = value;
  const gint64 *now = user_data;

  return is_expired (*removed_at, *now);
}

static gboolean
remove_expired_organization (gpointer key,
                             gpointer value,
                             gpointer user_data)
{
  GHashTable *members = value;

  g_hash_table_foreach_remove (members, remove_expired_member, user_data);

  return g_hash_table_size (members) == 0;
}

/* Drops every expired entry, so the table contains at most a minute of
 * removals. */
static void
prune (RosterRemovedMembers *self,
       gint64                now)
{
  g_assert (ROSTER_IS_REMOVED_MEMBERS (self));

  g_hash_table_foreach_remove (self->organizations, remove_expired_organization, &now);
}

static void
roster_removed_members_finalize (GObject *object)
{
  RosterRemovedMembers *self = (RosterRemovedMembers *) object;

  g_clear_pointer (&self->organizations, g_hash_table_unref);

  G_OBJECT_CLASS (roster_removed_members_parent_class)->finalize (object);
}

static void
roster_removed_members_class_init (RosterRemovedMembersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = roster_removed_members_finalize;
}

static void
roster_removed_members_init (RosterRemovedMembers *self)
{
  self->organizations = g_hash_table_new_full (g_str_hash, g_str_equal,
                                               g_free, (GDestroyNotify) g_hash_table_unref);
}

RosterRemovedMembers *
roster_removed_members_new (void)
{
  return g_object_new (ROSTER_TYPE_REMOVED_MEMBERS, NULL);
}

/**
 * roster_removed_members_add:
 * @removed_at: monotonic time of the 204 response, in microseconds
 *
 * Remembers that @user_id left @organization_id, replacing an older entry
 * for the same member, and forgets every expired entry.
 */
void
roster_removed_members_add (RosterRemovedMembers *self,
                            const char           *organization_id,
                            const char           *user_id,
                            gint64                removed_at)
{
  GHashTable *members;

  g_return_if_fail (ROSTER_IS_REMOVED_MEMBERS (self));
  g_return_if_fail (organization_id != NULL);
  g_return_if_fail (user_id != NULL);

  prune (self, removed_at);

  members = g_hash_table_lookup (self->organizations, organization_id);
  if (members == NULL)
    {
      members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (self->organizations, g_strdup (organization_id), members);
    }

  g_hash_table_insert (members, g_strdup (user_id), g_memdup2 (&removed_at, sizeof removed_at));
}

/**
 * roster_removed_members_contains:
 * @now: the current monotonic time, in microseconds
 *
 * Returns: whether @user_id was removed from @organization_id less than
 *   %ROSTER_REMOVED_MEMBERS_LIFETIME_USEC before @now
 */
gboolean
roster_removed_members_contains (RosterRemovedMembers *self,
                                 const char           *organization_id,
                                 const char           *user_id,
                                 gint64                now)
{
  GHashTable *members;
  const gint64 *removed_at;

  g_return_val_if_fail (ROSTER_IS_REMOVED_MEMBERS (self), FALSE);
  g_return_val_if_fail (organization_id != NULL, FALSE);
  g_return_val_if_fail (user_id != NULL, FALSE);

  members = g_hash_table_lookup (self->organizations, organization_id);
  if (members == NULL)
    return FALSE;

  removed_at = g_hash_table_lookup (members, user_id);
  if (removed_at == NULL)
    return FALSE;

  return !is_expired (*removed_at, now);
}

/* Forgets a removal, for a member that Undo added back, so that lists
 * show the member again at once. */
void
roster_removed_members_forget (RosterRemovedMembers *self,
                               const char           *organization_id,
                               const char           *user_id)
{
  GHashTable *members;

  g_return_if_fail (ROSTER_IS_REMOVED_MEMBERS (self));
  g_return_if_fail (organization_id != NULL);
  g_return_if_fail (user_id != NULL);

  members = g_hash_table_lookup (self->organizations, organization_id);
  if (members != NULL)
    g_hash_table_remove (members, user_id);
}

/* Returns the number of remembered entries, expired ones included until the
 * next roster_removed_members_add(). */
guint
roster_removed_members_get_size (RosterRemovedMembers *self)
{
  GHashTableIter iter;
  gpointer members;
  guint size = 0;

  g_return_val_if_fail (ROSTER_IS_REMOVED_MEMBERS (self), 0);

  g_hash_table_iter_init (&iter, self->organizations);
  while (g_hash_table_iter_next (&iter, NULL, &members))
    size += g_hash_table_size (members);

  return size;
}
