{#-
    The ledger of lake files. Each build lists the lake once and appends the files it has not
    seen, numbered per stream in the order they were first listed (by load time and part
    number within one listing). Staging models read the files past the highest number they
    hold, so a file that lands late (after a build listed the lake) is still read once.

    File names: <stream><YYYYMMDD>-<HHMMSS><microseconds, not zero-padded>-part-<NNNNN>-<uuid>.jsonl.gz
-#}
{{ config(incremental_strategy='append') }}  {#- a file is listed once: nothing to replace -#}

with

source as (

    select file from {{ source('igdb_lake', 'files') }}

),

parsed as (

    select
        file as lake_file,
        regexp_extract(
            file,
            '/([^/]+)/year=\d{4}/month=\d{2}/day=\d{2}/[^/]*(\d{8})-(\d{6})(\d{1,6})-part-(\d+)-[^/]*$',
            ['stream', 'written_date', 'written_time', 'written_microseconds', 'part']
        ) as parts

    from source

),

renamed as (

    select
        ---------- strings
        parts.stream,
        lake_file,

        ---------- numerics
        parts.part::integer as part_number,

        ---------- timestamps
        strptime(parts.written_date || parts.written_time, '%Y%m%d%H%M%S')
            + to_microseconds(parts.written_microseconds::bigint) as written_at

    from parsed
    -- anything else under the lake URL (not a target-s3 file name) is not ours to read
    where parts.stream <> ''

),

{% if is_incremental() %}

new_files as (

    select * from renamed
    where lake_file not in (select lake_file from {{ this }})

),

loaded as (

    select stream, max(lake_file_seq) as last_lake_file_seq
    from {{ this }}
    group by stream

),

{% else %}

new_files as (

    select * from renamed

),

loaded as (

    select null::varchar as stream, null::bigint as last_lake_file_seq
    where false

),

{% endif %}

numbered as (

    select
        new_files.*,
        coalesce(loaded.last_lake_file_seq, 0) + row_number() over (
            partition by new_files.stream
            order by new_files.written_at, new_files.part_number, new_files.lake_file
        ) as lake_file_seq

    from new_files
    left join loaded on new_files.stream = loaded.stream

)

select * from numbered
