using Tandem.Domain.Collaboration;

namespace Tandem.Domain.Tests.Collaboration;

public sealed class MentionsTests
{
    [Theory]
    [InlineData("Can you check this, @alex?", "alex")]
    [InlineData("@approver@demo.tandem.dev please look", "approver@demo.tandem.dev")]
    [InlineData("cc @Alex.Morgan, @riley.", "alex.morgan|riley")]
    [InlineData("@alex and again @ALEX", "alex")]
    [InlineData("(@casey)", "casey")]
    [InlineData("write to mail@example.com or me", "")]
    [InlineData("an @ alone, @@, @- and @.", "")]
    [InlineData("", "")]
    public void Finds_handles(string text, string expected) =>
        Assert.Equal(expected.Length == 0 ? [] : expected.Split('|'), Mentions.Find(text));

    [Theory]
    [InlineData("alex", "alex@example.com", true)]
    [InlineData("alex@example.com", "Alex@Example.com", true)]
    [InlineData("alex@other.com", "alex@example.com", false)]
    [InlineData("ale", "alex@example.com", false)]
    [InlineData("example.com", "alex@example.com", false)]
    public void Matches_a_person_by_address_or_its_local_part(string handle, string email, bool expected) =>
        Assert.Equal(expected, Mentions.Names(handle, email));

    [Fact]
    public void Stays_fast_on_hostile_input()
    {
        var text = "@" + new string('a', 50_000) + "@" + string.Concat(Enumerable.Repeat("b.", 20_000)) + "!";
        Assert.Single(Mentions.Find(text));
    }
}
