/* roster-member-selection.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "roster-api.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_MEMBER_SELECTION (roster_member_selection_get_type ())

G_DECLARE_FINAL_TYPE (RosterMemberSelection, roster_member_selection, ROSTER, MEMBER_SELECTION, GObject)

RosterMemberSelection *roster_member_selection_new            (GListModel            *model);
guint                  roster_member_selection_get_n_selected (RosterMemberSelection *self);
gboolean               roster_member_selection_contains       (RosterMemberSelection *self,
                                                               RosterMember          *member);
GList                 *roster_member_selection_get_members    (RosterMemberSelection *self);
void                   roster_member_selection_set_members    (RosterMemberSelection *self,
                                                               GPtrArray             *members);
void                   roster_member_selection_forget         (RosterMemberSelection *self,
                                                               const char * const    *user_ids);

G_END_DECLS
