/* roster-environment.c: reads the tenant and credentials from AUTH0_*
 * variables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "roster-environment.h"

G_DEFINE_QUARK (roster-environment-error-quark, roster_environment_error)

/* Returns the variable's value, or NULL when it is unset or empty. */
static const char *
lookup (const char * const *envp,
        const char         *name)
{
  const char *value = g_environ_getenv ((char **) envp, name);

  if (value == NULL || *value == '\0')
    return NULL;

  return value;
}

static gboolean
check_client_credentials (const char  *client_id,
                          const char  *client_secret,
                          GError     **error)
{
  if (client_id != NULL && client_secret == NULL)
    {
      g_set_error_literal (error, ROSTER_ENVIRONMENT_ERROR,
                           ROSTER_ENVIRONMENT_ERROR_INCOMPLETE_CREDENTIALS,
                           _("AUTH0_CLIENT_ID is set but AUTH0_CLIENT_SECRET is not. "
                             "Set both to the machine-to-machine application’s credentials, "
                             "or set AUTH0_API_TOKEN instead."));
      return FALSE;
    }

  if (client_id == NULL && client_secret != NULL)
    {
      g_set_error_literal (error, ROSTER_ENVIRONMENT_ERROR,
                           ROSTER_ENVIRONMENT_ERROR_INCOMPLETE_CREDENTIALS,
                           _("AUTH0_CLIENT_SECRET is set but AUTH0_CLIENT_ID is not. "
                             "Set both to the machine-to-machine application’s credentials, "
                             "or set AUTH0_API_TOKEN instead."));
      return FALSE;
    }

  return TRUE;
}

static char *
parse_domain (const char  *domain,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *reason = NULL;
  char *base_uri;

  base_uri = roster_tenant_parse_domain (domain, &local_error);
  if (base_uri == NULL)
    {
      /* The tenant parser's message already names the value. */
      reason = g_strdup (local_error->message);
      if (g_str_has_suffix (reason, "."))
        reason[strlen (reason) - 1] = '\0';

      g_set_error (error, ROSTER_ENVIRONMENT_ERROR,
                   ROSTER_ENVIRONMENT_ERROR_INVALID_DOMAIN,
                   /* Translators: %s is why the domain is invalid, naming the value */
                   _("AUTH0_DOMAIN is invalid: %s. Set it to the tenant’s domain, "
                     "such as example.us.auth0.com."),
                   reason);
      return NULL;
    }

  return base_uri;
}

/* Checks which variables are set, in the order a person would fix them. */
static gboolean
check_variables (const char  *domain,
                 const char  *token,
                 const char  *client_id,
                 const char  *client_secret,
                 GError     **error)
{
  if (domain == NULL && token == NULL && client_id == NULL && client_secret == NULL)
    {
      g_set_error_literal (error, ROSTER_ENVIRONMENT_ERROR, ROSTER_ENVIRONMENT_ERROR_UNSET,
                           _("Set AUTH0_DOMAIN and AUTH0_API_TOKEN, or AUTH0_DOMAIN, "
                             "AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET."));
      return FALSE;
    }

  if (!check_client_credentials (client_id, client_secret, error))
    return FALSE;

  if (domain == NULL)
    {
      g_set_error_literal (error, ROSTER_ENVIRONMENT_ERROR,
                           ROSTER_ENVIRONMENT_ERROR_MISSING_DOMAIN,
                           _("Credentials are set but AUTH0_DOMAIN is not. Set it to the "
                             "tenant’s domain, such as example.us.auth0.com."));
      return FALSE;
    }

  if (token == NULL && client_id == NULL)
    {
      g_set_error_literal (error, ROSTER_ENVIRONMENT_ERROR,
                           ROSTER_ENVIRONMENT_ERROR_MISSING_CREDENTIALS,
                           _("AUTH0_DOMAIN is set but no credentials are. Set AUTH0_API_TOKEN, "
                             "or AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET."));
      return FALSE;
    }

  return TRUE;
}

/**
 * roster_environment_create_client:
 * @envp: (array zero-terminated=1): an environment, as g_get_environ() returns
 * @error: set with ROSTER_ENVIRONMENT_ERROR when no client can be made
 *
 * Creates a client for the tenant in AUTH0_DOMAIN, authenticated with
 * AUTH0_API_TOKEN or else with AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET.
 * Empty variables count as unset. A half-set client id and secret is an
 * error even when AUTH0_API_TOKEN is set, so a typo does not go unnoticed.
 *
 * Returns: (transfer full) (nullable): the client, or %NULL with @error set
 */
RosterClient *
roster_environment_create_client (const char * const  *envp,
                                  GError             **error)
{
  const char *domain;
  const char *token;
  const char *client_id;
  const char *client_secret;
  g_autofree char *base_uri = NULL;
  RosterClient *client;

  g_return_val_if_fail (envp != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  domain = lookup (envp, "AUTH0_DOMAIN");
  token = lookup (envp, "AUTH0_API_TOKEN");
  client_id = lookup (envp, "AUTH0_CLIENT_ID");
  client_secret = lookup (envp, "AUTH0_CLIENT_SECRET");

  if (!check_variables (domain, token, client_id, client_secret, error))
    return NULL;

  base_uri = parse_domain (domain, error);
  if (base_uri == NULL)
    return NULL;

  client = roster_client_new (base_uri);

  if (token != NULL)
    {
      if (client_id != NULL)
        g_debug ("Both AUTH0_API_TOKEN and AUTH0_CLIENT_ID are set; using AUTH0_API_TOKEN");
      roster_client_set_access_token (client, token);
    }
  else
    {
      roster_client_set_client_credentials (client, client_id, client_secret);
    }

  return client;
}
