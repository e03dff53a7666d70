/* roster-removal-history.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One DELETE request of a removal, as the history file records it. */
typedef struct
{
  GDateTime *sent_at;            /* owned: local time when it was recorded, before sending */
  char      *tenant;             /* owned: the tenant's base URI */
  char      *organization_id;    /* owned */
  char      *organization_name;  /* owned */
  GStrv      user_ids;           /* owned */
  char      *correlation_id;     /* owned: the X-Correlation-ID sent */
  gboolean   answered;           /* whether an outcome was recorded after the request */
  guint      status;             /* HTTP status of the outcome, 0 when none arrived */
  char      *message;            /* owned, nullable: why it failed, NULL for success */
} RosterHistoryRecord;

void roster_history_record_free (RosterHistoryRecord *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterHistoryRecord, roster_history_record_free)

#define ROSTER_TYPE_REMOVAL_HISTORY (roster_removal_history_get_type ())

G_DECLARE_FINAL_TYPE (RosterRemovalHistory, roster_removal_history, ROSTER, REMOVAL_HISTORY, GObject)

char                 *roster_removal_history_dup_default_path  (void);
RosterRemovalHistory *roster_removal_history_new               (const char            *path);
const char           *roster_removal_history_get_path          (RosterRemovalHistory  *self);
gboolean              roster_removal_history_record_sent       (RosterRemovalHistory  *self,
                                                                const char            *tenant,
                                                                const char            *organization_id,
                                                                const char            *organization_name,
                                                                const char * const    *user_ids,
                                                                const char            *correlation_id,
                                                                GError               **error);
gboolean              roster_removal_history_record_answered   (RosterRemovalHistory  *self,
                                                                const char            *correlation_id,
                                                                guint                  status,
                                                                const char            *message,
                                                                GError               **error);
gboolean              roster_removal_history_is_in_flight      (RosterRemovalHistory  *self,
                                                                const char            *correlation_id);
GPtrArray            *roster_removal_history_load              (RosterRemovalHistory  *self,
                                                                GError               **error);

G_END_DECLS
