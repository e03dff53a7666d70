/* roster-search-key.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-api.h"

G_BEGIN_DECLS

char       *roster_search_fold                 (const char         *text);
const char *roster_search_key_for_member       (RosterMember       *member);
const char *roster_search_key_for_organization (RosterOrganization *organization);

G_END_DECLS
