using System.Text;
using Orchestrated.Domain.Cleaning;

namespace Orchestrated.Domain.Tests.Cleaning;

public class StudentHasherTests
{
    [Fact]
    public void Hash_is_lowercase_hex_hmac_sha256_of_the_utf8_id()
    {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
        var hasher = new StudentHasher(Encoding.UTF8.GetBytes("Jefe"));
        Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", hasher.Hash("what do ya want for nothing?"));
    }

    [Fact]
    public void Student_id_is_trimmed_before_hashing()
    {
        var hasher = new StudentHasher(Encoding.UTF8.GetBytes("k"));
        Assert.Equal(hasher.Hash("S1"), hasher.Hash("  S1\t"));
        Assert.Equal(hasher.Hash("S1"), hasher.Hash(" S1 ".AsSpan()));
    }

    [Fact]
    public void Different_keys_give_different_hashes() =>
        Assert.NotEqual(new StudentHasher([1]).Hash("S1"), new StudentHasher([2]).Hash("S1"));

    [Fact]
    public void Non_ascii_ids_are_hashed_as_utf8()
    {
        var hasher = new StudentHasher(Encoding.UTF8.GetBytes("k"));
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes("k"),
            Encoding.UTF8.GetBytes("Zoë")));
        Assert.Equal(expected, hasher.Hash("Zoë"));
    }

    [Fact]
    public void An_empty_key_is_refused() => Assert.Throws<ArgumentException>(() => new StudentHasher([]));
}
