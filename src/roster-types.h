/* roster-types.h: forward declarations of the application's types, so that
 * headers can name each other's types without including each other, and
 * constants the views share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RosterApplication     RosterApplication;
typedef struct _RosterMembersView     RosterMembersView;
typedef struct _RosterRemovalOutcome  RosterRemovalOutcome;
typedef struct _RosterRemoveDialog    RosterRemoveDialog;
typedef struct _RosterRemovedMembers  RosterRemovedMembers;
typedef struct _RosterSidebar         RosterSidebar;
typedef struct _RosterWindow          RosterWindow;

/* How long a load runs before a view shows a spinner, in milliseconds, so
 * that quick loads do not flash one. */
#define ROSTER_SPINNER_DELAY_MS 500

G_END_DECLS
