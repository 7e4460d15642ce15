namespace Orchestrated.Storage.Parquet.Codec;

// The parts of Parquet's file format (parquet.thrift) that flat tables of text, integers, doubles, dates and
// timestamps need. Field ids and enum values are the format's own.

internal enum PhysicalType { Boolean = 0, Int32 = 1, Int64 = 2, Int96 = 3, Float = 4, Double = 5, ByteArray = 6, FixedLenByteArray = 7 }
