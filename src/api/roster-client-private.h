/* roster-client-private.h: what the parts of RosterClient share. The client
 * is split by concern: roster-client.c (object, requests), roster-client-token.c
 * (access tokens), roster-client-paging.c (lists) and roster-client-removal.c
 * (member removal).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "roster-client.h"
#include "roster-write-scheduler.h"

G_BEGIN_DECLS

struct _RosterClient
{
  GObject        parent_instance;

  char          *base_uri;             /* owned: from roster_tenant_parse_domain(), no trailing slash */
  char          *audience;             /* owned, nullable: set for a custom domain, else derived from base_uri */
  SoupSession   *session;              /* owned */

  /* At most one of fixed_token and client_id/client_secret is set. */
  char          *fixed_token;          /* owned, nullable: zeroed before it is freed */
  char          *client_id;            /* owned, nullable */
  char          *client_secret;        /* owned, nullable: zeroed before it is freed */
  guint          credentials_serial;   /* bumped by every change of credentials */

  /* Client-credentials token and the request that renews it. */
  char          *access_token;         /* owned, nullable: zeroed before it is freed */
  gint64         access_token_reuse_until;  /* monotonic time in µs */
  GPtrArray     *token_waiters;        /* owned, nullable: GTasks waiting for the pending request */
  GCancellable  *token_cancellable;    /* owned, nullable: cancels the pending /oauth/token request */

  RosterWriteScheduler *write_scheduler;  /* owned, nullable: created on first write */
};

/* Overwrites *@secret with zeros, frees it and sets it to NULL. */
void          roster_client_clear_secret        (char                **secret);

/* Creates a request for @base_uri + @path_and_query with the headers every
 * request carries. @path_and_query must already be percent-encoded: it goes
 * on the wire unchanged. @body (nullable) is sent as application/json. */
SoupMessage  *roster_client_new_message         (RosterClient         *self,
                                                 const char           *method,
                                                 const char           *path_and_query,
                                                 GBytes               *body,
                                                 GError              **error);

/* Sends @message and reads the whole response body. Any HTTP status counts
 * as success here; the error is for transport failures only. Logs one debug
 * line per response, without the query, headers or body. */
void          roster_client_exchange_async      (RosterClient         *self,
                                                 SoupMessage          *message,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GBytes       *roster_client_exchange_finish     (RosterClient         *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* The x-ratelimit-reset header of @message in Unix seconds, or 0. */
gint64        roster_client_get_rate_limit_reset (SoupMessage         *message);

/* Sends an authorized API request and returns the body of a 2xx response.
 * Other statuses become ROSTER_API_ERROR errors. A 401 for a
 * client-credentials token renews the token and repeats the request once.
 * @status_out receives the last HTTP status, also on error, or 0 when no
 * response arrived. */
void          roster_client_send_async          (RosterClient         *self,
                                                 const char           *method,
                                                 const char           *path_and_query,
                                                 GBytes               *body,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GBytes       *roster_client_send_finish         (RosterClient         *self,
                                                 GAsyncResult         *result,
                                                 guint                *status_out,
                                                 GError              **error);

/* Like roster_client_send_async(), but sends @correlation_id as the
 * X-Correlation-ID header, also when a 401 repeats the request. */
void          roster_client_send_write_async    (RosterClient         *self,
                                                 const char           *method,
                                                 const char           *path_and_query,
                                                 GBytes               *body,
                                                 const char           *correlation_id,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
/* The last request a send result sent, with its response headers, or NULL
 * when none was sent. Valid while @result is. */
SoupMessage  *roster_client_send_get_message    (RosterClient         *self,
                                                 GAsyncResult         *result);

/* Token handling, in roster-client-token.c. */
void          roster_client_get_token_async     (RosterClient         *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
char         *roster_client_get_token_finish    (RosterClient         *self,
                                                 GAsyncResult         *result,
                                                 gboolean             *renewable_out,
                                                 GError              **error);
void          roster_client_invalidate_token    (RosterClient         *self,
                                                 const char           *token);
void          roster_client_reset_credentials   (RosterClient         *self);

G_END_DECLS
