"""Re-encrypt every encrypted value under the newest key (after adding a key).

Reads and writes the stored tokens with plain SQL, so plain text never passes through the
ORM's field conversion and nothing else about a row changes.
"""

from django.apps import apps
from django.db import connection, transaction

from attunement.lib.crypto import PREFIX, EncryptedTextField, rotate


def rotate_all() -> int:
    count = 0
    q = connection.ops.quote_name
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if not fields:
            continue
        table, pk = q(model._meta.db_table), q(model._meta.pk.column)
        cols = [q(f.column) for f in fields]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {pk}, {', '.join(cols)} FROM {table}")
            rows = cursor.fetchall()
        for row_pk, *values in rows:
            updates = {
                c: rotate(v)
                for c, v in zip(cols, values, strict=True)
                if v and v.startswith(PREFIX)
            }
            if not updates:
                continue
            sets = ", ".join(f"{c} = %s" for c in updates)
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET {sets} WHERE {pk} = %s", [*updates.values(), row_pk]
                )
            count += len(updates)
    return count
