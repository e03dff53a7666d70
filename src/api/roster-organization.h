/* roster-organization.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ROSTER_TYPE_ORGANIZATION (roster_organization_get_type ())

G_DECLARE_FINAL_TYPE (RosterOrganization, roster_organization, ROSTER, ORGANIZATION, GObject)

/* Properties: "id", "name", "display-name" (all strings, read-only after
 * construction). display-name falls back to name when Auth0 omits it. */
RosterOrganization *roster_organization_new              (const char   *id,
                                                          const char   *name,
                                                          const char   *display_name);
RosterOrganization *roster_organization_new_from_json    (JsonObject   *object,
                                                          GError      **error);
const char         *roster_organization_get_id           (RosterOrganization *self);
const char         *roster_organization_get_name         (RosterOrganization *self);
const char         *roster_organization_get_display_name (RosterOrganization *self);

G_END_DECLS
