namespace Orchestrated.Storage.Parquet.Codec;

// The parts of Parquet's file format (parquet.thrift) that flat tables of text, integers, doubles, dates and
// timestamps need. Field ids and enum values are the format's own.

internal enum PageEncoding { Plain = 0, PlainDictionary = 2, Rle = 3, BitPacked = 4, RleDictionary = 8 }
