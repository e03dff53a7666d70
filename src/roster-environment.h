/* roster-environment.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "roster-api.h"

G_BEGIN_DECLS

#define ROSTER_ENVIRONMENT_ERROR (roster_environment_error_quark ())

/* Why the environment names no usable tenant. Every message names the
 * variable at fault and what to set, never a secret's value. */
typedef enum
{
  ROSTER_ENVIRONMENT_ERROR_UNSET,                  /* none of the variables is set */
  ROSTER_ENVIRONMENT_ERROR_MISSING_DOMAIN,         /* credentials without AUTH0_DOMAIN */
  ROSTER_ENVIRONMENT_ERROR_INVALID_DOMAIN,         /* AUTH0_DOMAIN does not parse */
  ROSTER_ENVIRONMENT_ERROR_MISSING_CREDENTIALS,    /* AUTH0_DOMAIN without credentials */
  ROSTER_ENVIRONMENT_ERROR_INCOMPLETE_CREDENTIALS, /* only one of the client id and secret */
} RosterEnvironmentError;

GQuark        roster_environment_error_quark   (void);

RosterClient *roster_environment_create_client (const char * const  *envp,
                                                GError             **error);

G_END_DECLS
