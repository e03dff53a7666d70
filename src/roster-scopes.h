/* roster-scopes.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A Management API scope Roster uses, and what it unlocks. */
typedef struct
{
  const char *scope;        /* the scope as Auth0 names it */
  gboolean    required;     /* Roster cannot work without it */
  const char *description;  /* translatable: what the scope unlocks */
} RosterScopeInfo;

/* The scopes Roster requests, required ones first. */
const RosterScopeInfo *roster_scopes_get_all           (guint               *n_scopes);

/* Returns the required scopes missing from @granted (NULL-terminated), as a
 * new string vector; empty when nothing is missing. */
char                 **roster_scopes_missing_required (const char * const *granted);

G_END_DECLS
