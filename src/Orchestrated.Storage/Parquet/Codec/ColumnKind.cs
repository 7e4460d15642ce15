namespace Orchestrated.Storage.Parquet.Codec;

// The parts of Parquet's file format (parquet.thrift) that flat tables of text, integers, doubles, dates and
// timestamps need. Field ids and enum values are the format's own.

/// <summary>
/// Column types, each with one Parquet representation: UTF-8 strings, INT64, INT32, DOUBLE, DATE, timestamps in UTC microseconds, BOOLEAN.
/// </summary>
public enum ColumnKind { Text, Int64, Int32, Double, Date, Timestamp, Boolean }
