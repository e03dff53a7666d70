/* roster-removed-members.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "roster-types.h"

G_BEGIN_DECLS

/* How long a removal is remembered, in microseconds. Auth0 documents that a
 * removal takes about 5 to 10 seconds to show in member lists; a minute
 * leaves room for a slow search index. */
#define ROSTER_REMOVED_MEMBERS_LIFETIME_USEC (60 * G_USEC_PER_SEC)

#define ROSTER_TYPE_REMOVED_MEMBERS (roster_removed_members_get_type ())

G_DECLARE_FINAL_TYPE (RosterRemovedMembers, roster_removed_members, ROSTER, REMOVED_MEMBERS, GObject)

/* Times are monotonic microseconds, as g_get_monotonic_time() returns. */
RosterRemovedMembers *roster_removed_members_new      (void);
void                  roster_removed_members_add      (RosterRemovedMembers *self,
                                                       const char           *organization_id,
                                                       const char           *user_id,
                                                       gint64                removed_at);
gboolean              roster_removed_members_contains (RosterRemovedMembers *self,
                                                       const char           *organization_id,
                                                       const char           *user_id,
                                                       gint64                now);
void                  roster_removed_members_forget   (RosterRemovedMembers *self,
                                                       const char           *organization_id,
                                                       const char           *user_id);
guint                 roster_removed_members_get_size (RosterRemovedMembers *self);

G_END_DECLS
