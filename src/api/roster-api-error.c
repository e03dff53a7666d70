/* roster-api-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-api-error.h"
#include "roster-json-private.h"

/* Fields of an Auth0 error response, kept on each ROSTER_API_ERROR error. */
typedef struct
{
  guint   status;            /* HTTP status, 0 when the error has none */
  char   *auth0_error;       /* owned, nullable: "error", the reason phrase */
  char   *error_code;        /* owned, nullable: "errorCode", e.g. "insufficient_scope" */
  char   *message;           /* owned, nullable: "message" */
  gint64  rate_limit_reset;  /* x-ratelimit-reset in Unix seconds, 0 when absent */
} RosterApiErrorPrivate;

static void
roster_api_error_private_init (RosterApiErrorPrivate *priv)
{
  priv->status = 0;
  priv->auth0_error = NULL;
  priv->error_code = NULL;
  priv->message = NULL;
  priv->rate_limit_reset = 0;
}

static void
roster_api_error_private_copy (const RosterApiErrorPrivate *src,
                               RosterApiErrorPrivate       *dest)
{
  dest->status = src->status;
  dest->auth0_error = g_strdup (src->auth0_error);
  dest->error_code = g_strdup (src->error_code);
  dest->message = g_strdup (src->message);
  dest->rate_limit_reset = src->rate_limit_reset;
}

static void
roster_api_error_private_clear (RosterApiErrorPrivate *priv)
{
  g_clear_pointer (&priv->auth0_error, g_free);
  g_clear_pointer (&priv->error_code, g_free);
  g_clear_pointer (&priv->message, g_free);
}

G_DEFINE_EXTENDED_ERROR (RosterApiError, roster_api_error)

static RosterApiErrorPrivate *
lookup_private (const GError *error)
{
  if (error == NULL || error->domain != ROSTER_API_ERROR)
    return NULL;

  return roster_api_error_get_private (error);
}

static RosterApiErrorCode
code_for_status (guint status)
{
  switch (status)
    {
    case 400: return ROSTER_API_ERROR_BAD_REQUEST;
    case 401: return ROSTER_API_ERROR_UNAUTHORIZED;
    case 403: return ROSTER_API_ERROR_FORBIDDEN;
    case 404: return ROSTER_API_ERROR_NOT_FOUND;
    case 409: return ROSTER_API_ERROR_CONFLICT;
    case 429: return ROSTER_API_ERROR_RATE_LIMITED;
    default:
      break;
    }

  if (status >= 500 && status <= 599)
    return ROSTER_API_ERROR_SERVER;

  return ROSTER_API_ERROR_HTTP;
}

/* The message for a response whose body carries no "message". */
static char *
describe_status (RosterApiErrorCode code,
                 guint              status)
{
  switch (code)
    {
    case ROSTER_API_ERROR_BAD_REQUEST:
      return g_strdup (_("The tenant rejected the request as invalid (HTTP 400)."));
    case ROSTER_API_ERROR_UNAUTHORIZED:
      return g_strdup (_("The tenant rejected the access token (HTTP 401)."));
    case ROSTER_API_ERROR_FORBIDDEN:
      return g_strdup (_("The access token does not allow this request (HTTP 403)."));
    case ROSTER_API_ERROR_NOT_FOUND:
      return g_strdup (_("The tenant has no such organization or member (HTTP 404)."));
    case ROSTER_API_ERROR_CONFLICT:
      return g_strdup (_("The request conflicts with the current state of the tenant (HTTP 409)."));
    case ROSTER_API_ERROR_RATE_LIMITED:
      return g_strdup (_("The tenant received too many requests. Wait a moment and try again (HTTP 429)."));
    case ROSTER_API_ERROR_SERVER:
      return g_strdup_printf (_("The tenant failed to handle the request (HTTP %u). Try again later."), status);
    case ROSTER_API_ERROR_HTTP:
    case ROSTER_API_ERROR_INVALID_RESPONSE:
    case ROSTER_API_ERROR_INVALID_DOMAIN:
    case ROSTER_API_ERROR_TOKEN:
    case ROSTER_API_ERROR_INVALID_ARGUMENT:
    default:
      return g_strdup_printf (_("The request failed with HTTP status %u."), status);
    }
}

/**
 * roster_api_error_new_for_status:
 * @status: the HTTP status of the response
 * @auth0_error: (nullable): the body's "error" field
 * @error_code: (nullable): the body's "errorCode" field
 * @message: (nullable): the body's "message" field
 * @rate_limit_reset: the x-ratelimit-reset header in Unix seconds, or 0
 *
 * Creates the error for a response with a failure status. The code follows
 * from @status (see #RosterApiErrorCode). The GError message is Auth0's
 * @message when there is one, else a sentence that names the status.
 *
 * Returns: (transfer full): a new #GError in ROSTER_API_ERROR
 */
GError *
roster_api_error_new_for_status (guint       status,
                                 const char *auth0_error,
                                 const char *error_code,
                                 const char *message,
                                 gint64      rate_limit_reset)
{
  RosterApiErrorCode code = code_for_status (status);
  g_autofree char *text = NULL;
  RosterApiErrorPrivate *priv;
  GError *error;

  if (message != NULL && message[0] != '\0')
    text = g_strdup (message);
  else
    text = describe_status (code, status);

  error = g_error_new_literal (ROSTER_API_ERROR, code, text);

  priv = roster_api_error_get_private (error);
  priv->status = status;
  priv->auth0_error = g_strdup (auth0_error);
  priv->error_code = g_strdup (error_code);
  priv->message = g_strdup (message);
  priv->rate_limit_reset = rate_limit_reset;

  return error;
}

GError *
roster_api_error_new_from_body (guint   status,
                                GBytes *body,
                                gint64  rate_limit_reset)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = NULL;

  root = roster_json_parse_bytes (body, NULL);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    object = json_node_get_object (root);

  if (object == NULL)
    return roster_api_error_new_for_status (status, NULL, NULL, NULL, rate_limit_reset);

  return roster_api_error_new_for_status (status,
                                          roster_json_object_get_string (object, "error"),
                                          roster_json_object_get_string (object, "errorCode"),
                                          roster_json_object_get_string (object, "message"),
                                          rate_limit_reset);
}

/**
 * roster_api_error_new_for_token_response:
 * @status: the HTTP status of the /oauth/token response
 * @oauth_error: (nullable): the body's OAuth "error" field, e.g. "access_denied"
 * @description: (nullable): the body's "error_description"
 * @rate_limit_reset: the x-ratelimit-reset header in Unix seconds, or 0
 *
 * Creates a ROSTER_API_ERROR_TOKEN error. The OAuth "error" is stored as the
 * Auth0 error and @description as the Auth0 message.
 *
 * Returns: (transfer full): a new #GError in ROSTER_API_ERROR
 */
GError *
roster_api_error_new_for_token_response (guint       status,
                                         const char *oauth_error,
                                         const char *description,
                                         gint64      rate_limit_reset)
{
  RosterApiErrorPrivate *priv;
  GError *error;

  if (description != NULL && description[0] != '\0')
    /* Translators: %s is the reason the tenant gave, e.g. "Unauthorized". */
    error = g_error_new (ROSTER_API_ERROR, ROSTER_API_ERROR_TOKEN,
                         _("The tenant did not issue an access token: %s"),
                         description);
  else
    error = g_error_new (ROSTER_API_ERROR, ROSTER_API_ERROR_TOKEN,
                         _("The tenant did not issue an access token (HTTP %u). Check the client ID and secret."),
                         status);

  priv = roster_api_error_get_private (error);
  priv->status = status;
  priv->auth0_error = g_strdup (oauth_error);
  priv->message = g_strdup (description);
  priv->rate_limit_reset = rate_limit_reset;

  return error;
}

guint
roster_api_error_get_status (const GError *error)
{
  RosterApiErrorPrivate *priv = lookup_private (error);

  return priv != NULL ? priv->status : 0;
}

const char *
roster_api_error_get_auth0_error (const GError *error)
{
  RosterApiErrorPrivate *priv = lookup_private (error);

  return priv != NULL ? priv->auth0_error : NULL;
}

const char *
roster_api_error_get_error_code (const GError *error)
{
  RosterApiErrorPrivate *priv = lookup_private (error);

  return priv != NULL ? priv->error_code : NULL;
}

const char *
roster_api_error_get_auth0_message (const GError *error)
{
  RosterApiErrorPrivate *priv = lookup_private (error);

  return priv != NULL ? priv->message : NULL;
}

gint64
roster_api_error_get_rate_limit_reset (const GError *error)
{
  RosterApiErrorPrivate *priv = lookup_private (error);

  return priv != NULL ? priv->rate_limit_reset : 0;
}
