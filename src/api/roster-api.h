/* roster-api.h: the Auth0 Management API client. GLib, libsoup and
 * json-glib only, never GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-api-error.h"
#include "roster-client.h"
#include "roster-jwt.h"
#include "roster-member.h"
#include "roster-organization.h"
#include "roster-tenant.h"
#include "roster-write-scheduler.h"
