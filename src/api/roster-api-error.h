/* roster-api-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ROSTER_API_ERROR (roster_api_error_quark ())

/* Errors of the Management API client. Errors for an HTTP status carry the
 * status, Auth0's "error", "errorCode" and "message" fields, and the
 * x-ratelimit-reset time: read them with the accessors below. Transport
 * failures (DNS, TLS, connection) stay in their own domains (G_IO_ERROR,
 * G_TLS_ERROR, G_RESOLVER_ERROR). */
typedef enum
{
  ROSTER_API_ERROR_BAD_REQUEST,       /* 400 */
  ROSTER_API_ERROR_UNAUTHORIZED,      /* 401 */
  ROSTER_API_ERROR_FORBIDDEN,         /* 403 */
  ROSTER_API_ERROR_NOT_FOUND,         /* 404 */
  ROSTER_API_ERROR_CONFLICT,          /* 409 */
  ROSTER_API_ERROR_RATE_LIMITED,      /* 429 */
  ROSTER_API_ERROR_HTTP,              /* any other 4xx */
  ROSTER_API_ERROR_SERVER,            /* 5xx */
  ROSTER_API_ERROR_INVALID_RESPONSE,  /* a body of none of the documented shapes */
  ROSTER_API_ERROR_INVALID_DOMAIN,    /* AUTH0_DOMAIN or a tenant domain is unusable */
  ROSTER_API_ERROR_TOKEN,             /* /oauth/token refused (OAuth "error"/"error_description") */
  ROSTER_API_ERROR_INVALID_ARGUMENT,  /* a call the client rejects before sending */
} RosterApiErrorCode;

GQuark       roster_api_error_quark             (void);

GError      *roster_api_error_new_for_status    (guint        status,
                                                 const char  *auth0_error,
                                                 const char  *error_code,
                                                 const char  *message,
                                                 gint64       rate_limit_reset);

/* Parses an Auth0 error body ({"statusCode", "error", "message",
 * "errorCode"}, every key optional) into the error for @status. A body that
 * is empty or not JSON gives the error for the status alone. */
GError      *roster_api_error_new_from_body     (guint        status,
                                                 GBytes      *body,
                                                 gint64       rate_limit_reset);

/* Creates a ROSTER_API_ERROR_TOKEN error for a failed /oauth/token response
 * ({"error", "error_description"}). */
GError      *roster_api_error_new_for_token_response (guint        status,
                                                      const char  *oauth_error,
                                                      const char  *description,
                                                      gint64       rate_limit_reset);

/* All accessors accept any GError and return 0 or NULL when the error is not
 * in ROSTER_API_ERROR or does not carry the field. */
guint        roster_api_error_get_status        (const GError *error);
const char  *roster_api_error_get_auth0_error   (const GError *error);
const char  *roster_api_error_get_error_code    (const GError *error);
const char  *roster_api_error_get_auth0_message (const GError *error);
gint64       roster_api_error_get_rate_limit_reset (const GError *error);

G_END_DECLS
