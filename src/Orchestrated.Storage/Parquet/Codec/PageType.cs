namespace Orchestrated.Storage.Parquet.Codec;

// The parts of Parquet's file format (parquet.thrift) that flat tables of text, integers, doubles, dates and
// timestamps need. Field ids and enum values are the format's own.

internal enum PageType { DataPage = 0, IndexPage = 1, DictionaryPage = 2, DataPageV2 = 3 }
