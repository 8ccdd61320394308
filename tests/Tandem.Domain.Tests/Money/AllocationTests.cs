using Tandem.Domain.Money;

namespace Tandem.Domain.Tests.Money;

public class AllocationTests
{
    private static readonly Currency Usd = Currency.Usd;

    private static Domain.Money.Money M(long minor, string currency = "USD") => new(minor, Currency.Of(currency));

    [Fact]
    public void Hundred_split_three_ways_gives_the_extra_cent_to_the_first_part()
    {
        var parts = Allocation.Evenly(M(10_000), 3);
        Assert.Equal([M(3334), M(3333), M(3333)], parts);
    }

    [Theory]
    [InlineData(10_000, new long[] { 50, 30, 20 }, new long[] { 5000, 3000, 2000 })]
    [InlineData(100, new long[] { 1, 1, 1 }, new long[] { 34, 33, 33 })]
    [InlineData(1, new long[] { 1, 1, 1 }, new long[] { 1, 0, 0 })]
    [InlineData(-10_000, new long[] { 1, 1, 1 }, new long[] { -3334, -3333, -3333 })]
    [InlineData(5, new long[] { 0, 1, 0 }, new long[] { 0, 5, 0 })]
    [InlineData(1000, new long[] { 1, 2 }, new long[] { 333, 667 })]
    public void Splits_by_weights(long total, long[] weights, long[] expected)
    {
        var parts = Allocation.ByWeights(M(total), weights);
        Assert.Equal(expected, parts.Select(p => p.Minor));
    }

    [Fact]
    public void Percentages_must_add_up_to_exactly_100()
    {
        var result = Allocation.ByPercentages(M(10_000), [33.33m, 33.33m, 33.33m]);
        Assert.False(result.IsSuccess);
        Assert.Equal("allocation.percent_sum", result.FirstError.Code);
        Assert.Equal("splits", result.FirstError.Field);
    }

    [Fact]
    public void Percentages_split_without_losing_a_cent()
    {
        var result = Allocation.ByPercentages(M(999), [33.3333m, 33.3333m, 33.3334m]);
        Assert.True(result.IsSuccess);
        Assert.Equal(999, result.Value.Sum(p => p.Minor));
        Assert.Equal([333L, 333L, 333L], result.Value.Select(p => p.Minor));
    }

    [Fact]
    public void Negative_percentage_names_its_field()
    {
        var result = Allocation.ByPercentages(M(100), [120m, -20m]);
        Assert.Equal("splits[0].percent", result.FirstError.Field);
    }

    [Fact]
    public void Amounts_must_add_up_to_the_total()
    {
        Assert.True(Allocation.ByAmounts(M(1000), [M(400), M(600)]).IsSuccess);
        Assert.Equal("allocation.amount_sum", Allocation.ByAmounts(M(1000), [M(400), M(599)]).FirstError.Code);
        Assert.Equal("splits[1].amount", Allocation.ByAmounts(M(1000), [M(400), M(600, "EUR")]).FirstError.Field);
    }

    [Fact]
    public void Zero_weights_are_a_bug()
    {
        Assert.Throws<ArgumentException>(() => Allocation.ByWeights(M(100), [0, 0]));
        Assert.Throws<ArgumentException>(() => Allocation.ByWeights(M(100), [1, -1]));
    }

    /// <summary>Property: for any total and weights, parts sum to the total, each part is within one unit of its exact share, and signs agree.</summary>
    [Fact]
    public void Property_parts_always_sum_to_total_and_stay_within_one_unit_of_the_exact_share()
    {
        var random = new Random(20261122);
        for (var run = 0; run < 5_000; run++)
        {
            var total = random.NextInt64(-1_000_000_000_000, 1_000_000_000_000);
            var count = random.Next(1, 12);
            var weights = Enumerable.Range(0, count).Select(_ => random.NextInt64(0, 1_000_000)).ToArray();
            if (weights.All(w => w == 0))
            {
                weights[0] = 1;
            }

            var parts = Allocation.ByWeights(new Domain.Money.Money(total, Usd), weights);
            Assert.Equal(total, parts.Sum(p => p.Minor));
            var weightSum = weights.Sum();
            for (var i = 0; i < count; i++)
            {
                var exact = (decimal)total * weights[i] / weightSum;
                Assert.True(Math.Abs(parts[i].Minor - exact) < 1m, $"run {run}: part {i} = {parts[i].Minor}, exact {exact}");
                Assert.True(parts[i].Minor == 0 || Math.Sign(parts[i].Minor) == Math.Sign(total));
            }
        }
    }

    [Fact]
    public void Property_even_split_parts_differ_by_at_most_one_unit_and_larger_ones_come_first()
    {
        var random = new Random(7);
        for (var run = 0; run < 2_000; run++)
        {
            var total = random.NextInt64(0, 10_000_000);
            var count = random.Next(1, 50);
            var parts = Allocation.Evenly(new Domain.Money.Money(total, Usd), count).Select(p => p.Minor).ToArray();
            Assert.Equal(total, parts.Sum());
            Assert.True(parts.Max() - parts.Min() <= 1);
            Assert.Equal(parts.OrderByDescending(p => p), parts);
        }
    }
}
