using System.IO.Compression;
using Snappier;
using ZstdSharp;

namespace Orchestrated.Storage.Parquet.Codec;

/// <summary>Compresses and decompresses page bodies with the codecs this system writes or is likely to be given.</summary>
internal sealed class PageCompression(PageCodec codec)
{
    private Compressor? _zstd;
    private Decompressor? _unzstd;

    public PageCodec Codec { get; } = codec;

    public static PageCompression For(global::Parquet.CompressionMethod method) => new(method switch
    {
        global::Parquet.CompressionMethod.None => PageCodec.Uncompressed,
        global::Parquet.CompressionMethod.Snappy => PageCodec.Snappy,
        global::Parquet.CompressionMethod.Gzip => PageCodec.Gzip,
        global::Parquet.CompressionMethod.Zstd => PageCodec.Zstd,
        _ => throw new NotSupportedException($"Parquet compression '{method}' is not supported for event tables: use Snappy, Zstd, " +
            "Gzip or None."),
    });

    /// <summary>Compresses <paramref name="input"/> into <paramref name="output"/> (cleared first).</summary>
    public void Compress(ReadOnlySpan<byte> input, ByteBuffer output)
    {
        output.Clear();
        switch (Codec)
        {
            case PageCodec.Uncompressed:
                output.Write(input);
                break;
            case PageCodec.Snappy:
                output.Advance(Snappy.Compress(input, output.Reserve(Snappy.GetMaxCompressedLength(input.Length))));
                break;
            case PageCodec.Zstd:
                _zstd ??= new Compressor(1);
                output.Advance(_zstd.Wrap(input, output.Reserve(Compressor.GetCompressBound(input.Length))));
                break;
            case PageCodec.Gzip:
            {
                using var memory = new MemoryStream();
                using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(input);
                output.Write(memory.GetBuffer().AsSpan(0, (int)memory.Length));
                break;
            }
            default: throw new NotSupportedException($"Parquet codec {Codec} is not supported.");
        }
    }

    /// <summary>Decompresses <paramref name="input"/> into exactly <paramref name="output"/>.Length bytes.</summary>
    public void Decompress(PageCodec codec, ReadOnlySpan<byte> input, Span<byte> output, string location)
    {
        int written;
        try
        {
            switch (codec)
            {
                case PageCodec.Uncompressed:
                    if (input.Length != output.Length)
                        throw new InvalidDataException($"{location}: an uncompressed page's sizes disagree.");
                    input.CopyTo(output);
                    return;
                case PageCodec.Snappy:
                    written = Snappy.Decompress(input, output);
                    break;
                case PageCodec.Zstd:
                    _unzstd ??= new Decompressor();
                    written = _unzstd.Unwrap(input, output);
                    break;
                case PageCodec.Gzip:
                {
                    using var gzip = new GZipStream(new MemoryStream(input.ToArray()), CompressionMode.Decompress);
                    written = 0;
                    int read;
                    while (written < output.Length && (read = gzip.Read(output[written..])) > 0) written += read;
                    break;
                }
                default: throw new InvalidDataException($"{location}: Parquet codec {codec} is not supported by this reader.");
            }
        }
        catch (Exception e) when (e is not InvalidDataException)
        {
            throw new InvalidDataException($"{location}: a {codec} page does not decompress: {e.Message}", e);
        }
        if (written != output.Length)
            throw new InvalidDataException($"{location}: a {codec} page decompressed to {written} bytes, its header says {output.Length}.");
    }
}
