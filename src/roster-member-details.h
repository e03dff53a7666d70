/* roster-member-details.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-api.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_MEMBER_DETAILS (roster_member_details_get_type ())

G_DECLARE_FINAL_TYPE (RosterMemberDetails, roster_member_details, ROSTER, MEMBER_DETAILS, AdwWindow)

RosterMemberDetails *roster_member_details_new        (GtkWindow           *parent,
                                                       RosterMember        *member,
                                                       const char          *roles_unavailable);
RosterMember        *roster_member_details_get_member (RosterMemberDetails *self);
void                 roster_member_details_load_picture (RosterMemberDetails *self,
                                                         RosterClient        *client);
AdwAvatar           *roster_member_details_get_avatar (RosterMemberDetails *self);

G_END_DECLS
