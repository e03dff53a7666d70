/* roster-member.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ROSTER_TYPE_MEMBER (roster_member_get_type ())

G_DECLARE_FINAL_TYPE (RosterMember, roster_member, ROSTER, MEMBER, GObject)

/* Properties: "user-id" (never NULL), "name", "email", "picture" (nullable:
 * Auth0 omits them for some users), and "label", the text a list shows for
 * the member: the name, else the email, else the user id. */
RosterMember *roster_member_new             (const char    *user_id,
                                             const char    *name,
                                             const char    *email,
                                             const char    *picture);
RosterMember *roster_member_new_from_json   (JsonObject    *object,
                                             GError       **error);
const char   *roster_member_get_user_id     (RosterMember  *self);
const char   *roster_member_get_name        (RosterMember  *self);
const char   *roster_member_get_email       (RosterMember  *self);
const char   *roster_member_get_picture     (RosterMember  *self);
const char   *roster_member_get_label       (RosterMember  *self);
const char * const *roster_member_get_roles    (RosterMember  *self);
const char * const *roster_member_get_role_ids (RosterMember  *self);

G_END_DECLS
