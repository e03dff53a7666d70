/* roster-removal-details.c: the per-member outcome of a removal and the
 * two windows that list outcomes: Details for the last removal, History
 * for every request recorded in the state directory. Both keep results
 * readable for screen readers, which do not reliably read toasts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error-text.h"
#include "roster-outcome-row.h"
#include "roster-removal-details.h"
#include "roster-removal-outcome.h"

void
roster_removal_detail_free (RosterRemovalDetail *detail)
{
  if (detail == NULL)
    return;

  g_free (detail->user_id);
  g_free (detail->label);
  g_free (detail->message);
  g_free (detail->correlation_id);
  g_free (detail);
}

/**
 * roster_removal_details_from_batch:
 * @labels: user id → label to show (name or email)
 * @now: the current time, to say when a rate limit resets
 *
 * Returns: (transfer container) (element-type RosterRemovalDetail): one
 *   detail per member of the request
 */
GPtrArray *
roster_removal_details_from_batch (const RosterRemovalBatch *batch,
                                   GHashTable               *labels,
                                   GDateTime                *now)
{
  GPtrArray *details = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_removal_detail_free);
  g_autofree char *message = NULL;

  g_return_val_if_fail (batch != NULL, NULL);
  g_return_val_if_fail (labels != NULL, NULL);

  if (batch->error == NULL)
    message = g_strdup (_("Removed"));
  else
    message = roster_error_text_describe (batch->error, ROSTER_REMOVAL_SCOPE, now);

  for (guint i = 0; batch->user_ids[i] != NULL; i++)
    {
      RosterRemovalDetail *detail = g_new0 (RosterRemovalDetail, 1);
      const char *label = g_hash_table_lookup (labels, batch->user_ids[i]);

      detail->user_id = g_strdup (batch->user_ids[i]);
      detail->label = g_strdup (label != NULL ? label : batch->user_ids[i]);
      detail->status = batch->status;
      detail->message = g_strdup (message);
      detail->correlation_id = g_strdup (batch->correlation_id);
      detail->removed = batch->error == NULL;
      g_ptr_array_add (details, detail);
    }

  return details;
}

static char *
format_status (guint       status,
               const char *message)
{
  if (status == 0)
    /* Translators: %s is the reason no response arrived */
    return g_strdup_printf (_("No response: %s"), message);

  /* Translators: %u is an HTTP status such as 204, %s the outcome in words */
  return g_strdup_printf (_("HTTP %u: %s"), status, message);
}

static char *
append_correlation_id (char       *text,
                       const char *correlation_id)
{
  g_autofree char *owned = text;

  if (correlation_id == NULL)
    return g_steal_pointer (&owned);

  /* Translators: the X-Correlation-ID header of the request, to find it in
   * the tenant logs */
  return g_strdup_printf (_("%s\nCorrelation ID: %s"), owned, correlation_id);
}

/* Returns the second line of a member's row: status, outcome, correlation
 * ID. Plain text. */
char *
roster_removal_details_format_row (const RosterRemovalDetail *detail)
{
  g_return_val_if_fail (detail != NULL, NULL);

  /* A member whose request was never sent has neither status nor ID. */
  if (detail->status == 0 && detail->correlation_id == NULL)
    return g_strdup (detail->message);

  return append_correlation_id (format_status (detail->status, detail->message),
                                detail->correlation_id);
}

/* Builds a modal window with a header bar over @content, which scrolls.
 * Escape closes it. */
static GtkWindow *
new_outcome_window (GtkWindow  *parent,
                    const char *title,
                    const char *subtitle,
                    GtkWidget  *content)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 560);
  gtk_window_set_title (GTK_WINDOW (window), title);

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, subtitle));
  gtk_box_append (GTK_BOX (box), header);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), content);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Escape"),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, shortcuts);

  return GTK_WINDOW (window);
}

/**
 * roster_removal_details_window_new:
 * @details: (element-type RosterRemovalDetail): the members of the last
 *   removal, in the order they were sent
 *
 * Returns: (transfer none): a modal window listing each member with the
 *   status, outcome and correlation ID of its request. The list is a
 *   GtkListView named "details-list", so a removal of thousands of members
 *   opens at once.
 */
GtkWindow *
roster_removal_details_window_new (GtkWindow  *parent,
                                   const char *organization_name,
                                   GPtrArray  *details)
{
  g_autoptr(GListStore) rows = NULL;
  GtkWidget *list_view;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (organization_name != NULL, NULL);
  g_return_val_if_fail (details != NULL, NULL);

  rows = g_list_store_new (ROSTER_TYPE_OUTCOME_ROW);

  for (guint i = 0; i < details->len; i++)
    {
      const RosterRemovalDetail *detail = g_ptr_array_index (details, i);
      g_autofree char *subtitle = roster_removal_details_format_row (detail);
      g_autoptr(RosterOutcomeRow) row = roster_outcome_row_new (detail->label, subtitle, detail->removed);

      g_list_store_append (rows, row);
    }

  list_view = roster_outcome_row_new_list_view (G_LIST_MODEL (rows), _("Removal Details"));
  gtk_widget_set_name (list_view, "details-list");

  return new_outcome_window (parent, _("Removal Details"), organization_name, list_view);
}

static char *
describe_outcome (RosterRemovalHistory      *history,
                  const RosterHistoryRecord *record)
{
  if (record->answered && record->status == 204)
    return g_strdup (_("HTTP 204: Removed"));

  if (record->answered)
    return format_status (record->status, record->message != NULL ? record->message : "");

  if (roster_removal_history_is_in_flight (history, record->correlation_id))
    return g_strdup (_("Waiting for a response"));

  return g_strdup (_("Unconfirmed: Roster stopped before Auth0 responded. Check in the tenant whether "
                     "these members are still in the organization."));
}

static RosterOutcomeRow *
new_history_row (RosterRemovalHistory      *history,
                 const RosterHistoryRecord *record)
{
  guint n_members = g_strv_length (record->user_ids);
  g_autofree char *title = NULL;
  g_autofree char *time = g_date_time_format (record->sent_at, "%x %X");
  g_autofree char *outcome = describe_outcome (history, record);
  g_autofree char *members = g_strjoinv (", ", record->user_ids);
  g_autofree char *subtitle = NULL;

  /* Translators: %s is an organization's name, %u a count */
  title = g_strdup_printf (ngettext ("%s: %u member", "%s: %u members", n_members),
                           record->organization_name, n_members);
  /* Translators: time, outcome, tenant, members and correlation ID of one
   * request, each on its own line */
  subtitle = g_strdup_printf (_("%s\n%s\nTenant: %s\nMembers: %s\nCorrelation ID: %s"),
                              time, outcome, record->tenant, members, record->correlation_id);

  return roster_outcome_row_new (title, subtitle, record->answered && record->status == 204);
}

static GtkWidget *
new_history_status_page (const char *title,
                         const char *description,
                         const char *icon_name)
{
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_title (ADW_STATUS_PAGE (page), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (page), description);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), icon_name);
  gtk_widget_set_vexpand (page, TRUE);

  return page;
}

/**
 * roster_history_window_new:
 *
 * Returns: (transfer none): a modal window listing every request of the
 *   history, newest first, in a GtkListView named "history-list"; or a
 *   status page saying there is none or why it could not be read
 */
GtkWindow *
roster_history_window_new (GtkWindow            *parent,
                           RosterRemovalHistory *history)
{
  const char *path;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GListStore) rows = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *list_view;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ROSTER_IS_REMOVAL_HISTORY (history), NULL);

  path = roster_removal_history_get_path (history);
  records = roster_removal_history_load (history, &error);
  if (records == NULL)
    {
      /* Translators: %s is the reason, such as "Permission denied" */
      g_autofree char *text = g_strdup_printf (_("Could not read the history: %s"), error->message);

      return new_outcome_window (parent, _("Removal History"), path,
                                 new_history_status_page (_("History Unavailable"), text,
                                                          "dialog-warning-symbolic"));
    }

  if (records->len == 0)
    return new_outcome_window (parent, _("Removal History"), path,
                               new_history_status_page (_("No Removals"),
                                                        _("Removals made with Roster show here."),
                                                        "edit-clear-all-symbolic"));

  rows = g_list_store_new (ROSTER_TYPE_OUTCOME_ROW);
  for (guint i = records->len; i > 0; i--)
    {
      g_autoptr(RosterOutcomeRow) row = new_history_row (history, g_ptr_array_index (records, i - 1));

      g_list_store_append (rows, row);
    }

  list_view = roster_outcome_row_new_list_view (G_LIST_MODEL (rows), _("Removal History"));
  gtk_widget_set_name (list_view, "history-list");

  return new_outcome_window (parent, _("Removal History"), path, list_view);
}
