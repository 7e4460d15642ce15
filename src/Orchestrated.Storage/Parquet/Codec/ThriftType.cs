namespace Orchestrated.Storage.Parquet.Codec;

/// <summary>The Thrift compact protocol's type codes, as Parquet's footer and page headers use them.</summary>
internal enum ThriftType : byte
{
    Stop = 0, True = 1, False = 2, Byte = 3, I16 = 4, I32 = 5, I64 = 6, Double = 7, Binary = 8, List = 9, Set = 10, Map = 11, Struct = 12,
}
