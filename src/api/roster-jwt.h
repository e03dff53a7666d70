/* roster-jwt.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The claims of a Management API access token that Roster shows before
 * using it. Decoding reads the payload only: it does not verify the
 * signature, which only Auth0 can do. */
typedef struct
{
  gint64   expires_at;  /* "exp", Unix seconds */
  gint64   issued_at;   /* "iat", Unix seconds, 0 when absent */
  char    *audience;    /* owned, nullable: "aud", the first one when it is a list */
  char    *issuer;      /* owned, nullable: "iss" */
  char    *subject;     /* owned, nullable: "sub" */
  char   **scopes;      /* owned: "scope" split on spaces, empty when absent */
} RosterJwtClaims;

void             roster_jwt_claims_free     (RosterJwtClaims *claims);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterJwtClaims, roster_jwt_claims_free)

/* Decodes a JWT access token, with or without a leading "Bearer ". Fails
 * with ROSTER_API_ERROR_INVALID_ARGUMENT when the token does not have three
 * parts, the payload is not base64url or not a JSON object, "exp" is missing
 * or not a number, or "scope" is present but not a string. */
RosterJwtClaims *roster_jwt_decode          (const char      *token,
                                             GError         **error);

gboolean         roster_jwt_claims_has_scope (const RosterJwtClaims *claims,
                                              const char            *scope);

/* Strips surrounding white space and a leading "Bearer " (any case). */
char            *roster_jwt_strip_bearer    (const char      *token);

G_END_DECLS
