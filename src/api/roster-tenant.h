/* roster-tenant.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parses a tenant domain as an administrator types it into a base URI
 * without a trailing slash:
 *
 *   "travel0.us.auth0.com"          -> "https://travel0.us.auth0.com"
 *   "https://travel0.us.auth0.com/" -> "https://travel0.us.auth0.com"
 *   "http://127.0.0.1:8080"         -> "http://127.0.0.1:8080"
 *
 * Plain http is accepted only for loopback hosts (127.0.0.0/8, ::1,
 * localhost). Anything else (a path, a query, user info, an empty or
 * malformed host, http to another host) fails with
 * ROSTER_API_ERROR_INVALID_DOMAIN and a message that names the value. */
char     *roster_tenant_parse_domain    (const char  *domain,
                                         GError     **error);

/* Returns the Management API audience for a base URI from
 * roster_tenant_parse_domain(): "https://{host[:port]}/api/v2/". The scheme
 * is https even for a loopback http base, because Auth0 issues tokens only for https audiences. */
char     *roster_tenant_get_audience    (const char  *base_uri);

gboolean  roster_tenant_host_is_loopback (const char *host);

G_END_DECLS
