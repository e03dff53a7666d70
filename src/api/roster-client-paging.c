/* roster-client-paging.c: list endpoints of RosterClient, with checkpoint
 * pagination.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-api-error.h"
#include "roster-client-private.h"
#include "roster-json-private.h"
#include "roster-member.h"
#include "roster-organization.h"

/* "fields" is an include list: without it Auth0 returns every field but
 * roles, with it only the fields named. Roles need the scope
 * read:organization_member_roles besides read:organization_members. */
#define MEMBER_FIELDS_QUERY "&fields=user_id,email,name,picture&include_fields=true"
#define MEMBER_FIELDS_WITH_ROLES_QUERY "&fields=user_id,email,name,picture,roles&include_fields=true"

typedef struct
{
  GPtrArray *items;      /* owned: GObjects of the item type */
  char      *next;       /* owned, nullable: the checkpoint token */
  guint      raw_count;  /* items in the body, including skipped ones */
} Page;

typedef struct
{
  char  *collection_key;  /* owned */
  GType  item_type;
  Page  *page;            /* owned, nullable: set once the page arrived */
} FetchPageData;

typedef struct
{
  GListStore *store;           /* owned */
  char       *path;            /* owned: the encoded path, without query */
  const char *extra_query;     /* unowned: static "&..." appended after take */
  const char *collection_key;  /* unowned: static */
  GType       item_type;
  char       *from;            /* owned, nullable: the checkpoint for the next page */
} ListData;

static void
page_free (Page *page)
{
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_clear_pointer (&page->next, g_free);
  g_free (page);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Page, page_free)

static void
fetch_page_data_free (gpointer pointer)
{
  FetchPageData *data = pointer;

  g_clear_pointer (&data->collection_key, g_free);
  g_clear_pointer (&data->page, page_free);
  g_free (data);
}

static void
list_data_free (gpointer pointer)
{
  ListData *data = pointer;

  g_clear_object (&data->store);
  g_clear_pointer (&data->path, g_free);
  g_clear_pointer (&data->from, g_free);
  g_free (data);
}

static GObject *
new_item_from_json (GType        item_type,
                    JsonObject  *object,
                    GError     **error)
{
  if (item_type == ROSTER_TYPE_MEMBER)
    return G_OBJECT (roster_member_new_from_json (object, error));

  return G_OBJECT (roster_organization_new_from_json (object, error));
}

/* Finds the item array in a bare array, an include_totals object or a
 * checkpoint object. */
static JsonArray *
find_item_array (JsonNode   *root,
                 const char *collection_key)
{
  JsonNode *member;

  if (JSON_NODE_HOLDS_ARRAY (root))
    return json_node_get_array (root);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  member = json_object_get_member (json_node_get_object (root), collection_key);
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    return NULL;

  return json_node_get_array (member);
}

/* Reads "next" of a checkpoint object. Absent, null and "" all end paging. */
static gboolean
find_next (JsonNode    *root,
           char       **next_out)
{
  JsonObject *object;
  JsonNode *next;

  *next_out = NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return TRUE;

  object = json_node_get_object (root);
  next = json_object_get_member (object, "next");
  if (next == NULL || JSON_NODE_HOLDS_NULL (next))
    return TRUE;

  if (roster_json_object_get_string (object, "next") == NULL)
    return FALSE;

  if (json_node_get_string (next)[0] != '\0')
    *next_out = g_strdup (json_node_get_string (next));

  return TRUE;
}

static GPtrArray *
parse_items (JsonArray  *array,
             GType       item_type)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  guint length = json_array_get_length (array);

  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(GError) error = NULL;
      GObject *item = NULL;

      if (JSON_NODE_HOLDS_OBJECT (element))
        item = new_item_from_json (item_type, json_node_get_object (element), &error);

      if (item == NULL)
        {
          g_debug ("Skipping list item %u: %s", i,
                   error != NULL ? error->message : "not a JSON object");
          continue;
        }

      g_ptr_array_add (items, item);
    }

  return items;
}

static Page *
parse_page (GBytes      *body,
            const char  *collection_key,
            GType        item_type,
            GError     **error)
{
  g_autoptr(JsonNode) root = roster_json_parse_bytes (body, NULL);
  g_autoptr(Page) page = g_new0 (Page, 1);
  JsonArray *array = NULL;

  if (root != NULL)
    array = find_item_array (root, collection_key);

  if (array == NULL)
    {
      g_set_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_RESPONSE,
                   /* Translators: %s is a JSON key such as "members". */
                   _("The tenant sent a list response without a “%s” array."),
                   collection_key);
      return NULL;
    }

  if (!find_next (root, &page->next))
    {
      g_set_error_literal (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_RESPONSE,
                           _("The tenant sent a list response with an invalid “next” value."));
      return NULL;
    }

  page->raw_count = json_array_get_length (array);
  page->items = parse_items (array, item_type);

  return g_steal_pointer (&page);
}

static void
on_fetch_page_sent (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  RosterClient *self = ROSTER_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  FetchPageData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  body = roster_client_send_finish (self, result, NULL, &error);
  if (body != NULL)
    data->page = parse_page (body, data->collection_key, data->item_type, &error);

  if (data->page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_ptr_array_ref (data->page->items),
                         (GDestroyNotify) g_ptr_array_unref);
}

void
roster_client_fetch_page_async (RosterClient        *self,
                                const char          *path_and_query,
                                const char          *collection_key,
                                GType                item_type,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FetchPageData *data;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (path_and_query != NULL);
  g_return_if_fail (collection_key != NULL);
  g_return_if_fail (item_type == ROSTER_TYPE_MEMBER || item_type == ROSTER_TYPE_ORGANIZATION);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_client_fetch_page_async);

  data = g_new0 (FetchPageData, 1);
  data->collection_key = g_strdup (collection_key);
  data->item_type = item_type;
  g_task_set_task_data (task, data, fetch_page_data_free);

  roster_client_send_async (self, SOUP_METHOD_GET, path_and_query, NULL, cancellable,
                            on_fetch_page_sent, g_steal_pointer (&task));
}

/**
 * roster_client_fetch_page_finish:
 * @self: a #RosterClient
 * @result: the result passed to the callback
 * @next_out: (out) (optional) (transfer full): the checkpoint token, or %NULL
 *   when the body has none
 * @error: return location for an error
 *
 * Items without their id are skipped. A body of another shape fails with
 * ROSTER_API_ERROR_INVALID_RESPONSE.
 *
 * Returns: (transfer container) (element-type GObject): the items of the page
 */
GPtrArray *
roster_client_fetch_page_finish (RosterClient  *self,
                                 GAsyncResult  *result,
                                 char         **next_out,
                                 GError       **error)
{
  GPtrArray *items;

  g_return_val_if_fail (ROSTER_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  items = g_task_propagate_pointer (G_TASK (result), error);

  if (next_out != NULL)
    {
      FetchPageData *data = g_task_get_task_data (G_TASK (result));

      *next_out = items != NULL ? g_strdup (data->page->next) : NULL;
    }

  return items;
}

static void fetch_next_page (RosterClient *self,
                             GTask        *task);

static void
append_page (GListStore *store,
             GPtrArray  *items)
{
  guint position = g_list_model_get_n_items (G_LIST_MODEL (store));

  if (items->len > 0)
    g_list_store_splice (store, position, 0, items->pdata, items->len);
}

/* Decides whether another page follows. Auth0 may send "next" with the last
 * page and an empty page after it, and a short page proves nothing. */
static gboolean
has_next_page (ListData  *data,
               Page      *page,
               GError   **error)
{
  if (page->next == NULL || page->raw_count == 0)
    return FALSE;

  /* The same checkpoint again would repeat this page forever. */
  if (g_strcmp0 (page->next, data->from) == 0)
    {
      g_set_error_literal (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_RESPONSE,
                           _("The tenant sent the same page twice, so listing stopped."));
      return FALSE;
    }

  return TRUE;
}

static void
on_list_page_sent (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  RosterClient *self = ROSTER_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  ListData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(Page) page = NULL;

  body = roster_client_send_finish (self, result, NULL, &error);
  if (body != NULL)
    page = parse_page (body, data->collection_key, data->item_type, &error);

  if (page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  append_page (data->store, page->items);

  if (!has_next_page (data, page, &error))
    {
      if (error != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_boolean (task, TRUE);
      return;
    }

  g_clear_pointer (&data->from, g_free);
  data->from = g_steal_pointer (&page->next);
  fetch_next_page (self, g_steal_pointer (&task));
}

/* Requests the page after data->from, or the first page. @task is owned. */
static void
fetch_next_page (RosterClient *self,
                 GTask        *task)
{
  ListData *data = g_task_get_task_data (task);
  g_autofree char *path_and_query = NULL;
  g_autofree char *from = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  /* "next" is opaque base64 that may contain "+", "/" and "=". */
  if (data->from != NULL)
    from = g_uri_escape_string (data->from, NULL, FALSE);

  path_and_query = g_strdup_printf ("%s?take=%u%s%s%s", data->path, ROSTER_CLIENT_PAGE_SIZE,
                                    data->extra_query,
                                    from != NULL ? "&from=" : "",
                                    from != NULL ? from : "");

  roster_client_send_async (self, SOUP_METHOD_GET, path_and_query, NULL,
                            g_task_get_cancellable (task), on_list_page_sent, task);
}

/* Starts listing @path (owned) page by page into @store. */
static void
list_all_async (RosterClient        *self,
                GListStore          *store,
                char                *path,
                const char          *extra_query,
                const char          *collection_key,
                GType                item_type,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data,
                gpointer             source_tag)
{
  GTask *task;
  ListData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  data = g_new0 (ListData, 1);
  data->store = g_object_ref (store);
  data->path = path;
  data->extra_query = extra_query;
  data->collection_key = collection_key;
  data->item_type = item_type;
  g_task_set_task_data (task, data, list_data_free);

  fetch_next_page (self, task);
}

void
roster_client_list_organizations_async (RosterClient        *self,
                                        GListStore          *store,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (G_IS_LIST_STORE (store));
  g_return_if_fail (g_type_is_a (ROSTER_TYPE_ORGANIZATION,
                                 g_list_model_get_item_type (G_LIST_MODEL (store))));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  list_all_async (self, store, roster_client_build_path ("organizations", NULL), "",
                  "organizations", ROSTER_TYPE_ORGANIZATION, cancellable, callback, user_data,
                  roster_client_list_organizations_async);
}

gboolean
roster_client_list_organizations_finish (RosterClient  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (ROSTER_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == roster_client_list_organizations_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
roster_client_list_members_async (RosterClient        *self,
                                  const char          *organization_id,
                                  GListStore          *store,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  roster_client_list_members_with_fields_async (self, organization_id, ROSTER_MEMBER_FIELDS_DEFAULT,
                                                store, cancellable, callback, user_data);
}

/**
 * roster_client_list_members_with_fields_async:
 *
 * Lists the members like roster_client_list_members_async(), with the
 * optional @fields too. Finish with roster_client_list_members_finish().
 */
void
roster_client_list_members_with_fields_async (RosterClient        *self,
                                              const char          *organization_id,
                                              RosterMemberFields   fields,
                                              GListStore          *store,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  const char *query;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (organization_id != NULL && organization_id[0] != '\0');
  g_return_if_fail (G_IS_LIST_STORE (store));
  g_return_if_fail (g_type_is_a (ROSTER_TYPE_MEMBER,
                                 g_list_model_get_item_type (G_LIST_MODEL (store))));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  query = (fields & ROSTER_MEMBER_FIELDS_ROLES) ? MEMBER_FIELDS_WITH_ROLES_QUERY : MEMBER_FIELDS_QUERY;
  list_all_async (self, store,
                  roster_client_build_path ("organizations", organization_id, "members", NULL),
                  query, "members", ROSTER_TYPE_MEMBER, cancellable, callback,
                  user_data, roster_client_list_members_async);
}

gboolean
roster_client_list_members_finish (RosterClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (ROSTER_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == roster_client_list_members_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Parses a roles response: a bare array, or {"roles": [...]} with totals. */
static GPtrArray *
parse_roles (GBytes  *body,
             GError **error)
{
  g_autoptr(JsonNode) root = roster_json_parse_bytes (body, NULL);
  GPtrArray *roles;
  JsonArray *array = NULL;

  if (root != NULL)
    array = find_item_array (root, "roles");

  if (array == NULL)
    {
      g_set_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_RESPONSE,
                   _("The tenant sent a list response without a “%s” array."), "roles");
      return NULL;
    }

  roles = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (element))
        g_ptr_array_add (roles, json_object_ref (json_node_get_object (element)));
      else
        g_debug ("Skipping role %u: not a JSON object", i);
    }

  return roles;
}

static void
on_member_roles_sent (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  RosterClient *self = ROSTER_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  GPtrArray *roles = NULL;

  body = roster_client_send_finish (self, result, NULL, &error);
  if (body != NULL)
    roles = parse_roles (body, &error);

  if (roles == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, roles, (GDestroyNotify) g_ptr_array_unref);
}

void
roster_client_list_member_roles_async (RosterClient        *self,
                                       const char          *organization_id,
                                       const char          *user_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  g_autofree char *path_and_query = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (organization_id != NULL && organization_id[0] != '\0');
  g_return_if_fail (user_id != NULL && user_id[0] != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_client_list_member_roles_async);

  /* Auth0 allows at most 50 roles per organization member, so one page of
   * 50 is the whole list. */
  path = roster_client_build_path ("organizations", organization_id,
                                   "members", user_id, "roles", NULL);
  path_and_query = g_strdup_printf ("%s?per_page=%u", path, ROSTER_CLIENT_PAGE_SIZE);

  roster_client_send_async (self, SOUP_METHOD_GET, path_and_query, NULL, cancellable,
                            on_member_roles_sent, g_steal_pointer (&task));
}

/**
 * roster_client_list_member_roles_finish:
 * @self: a #RosterClient
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type JsonObject): the roles
 */
GPtrArray *
roster_client_list_member_roles_finish (RosterClient  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (ROSTER_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
